using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>The console output, exactly or containing some bytes: a text's UTF-8 bytes, or bytes written in hex.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Source">Which output is read.</param>
/// <param name="Device">The device as written, or null for all output.</param>
/// <param name="Expected">The bytes expected, one character per byte (Latin-1), as the console keeps them.</param>
/// <param name="Match">Exact or contains.</param>
/// <param name="AsHex">True when the bytes were written as hex, so a difference is shown in hex.</param>
public sealed record ConsoleCheck(SourceSpan Span, ConsoleSource Source, string? Device, string Expected, ConsoleMatch Match, bool AsHex = false) : PlannedCheck(Span)
{
    // A console keeps megabytes; a message shows the start of it.
    private const int ShownBytes = 256;

    /// <summary>The check of a text: its UTF-8 bytes are expected.</summary>
    public static ConsoleCheck OfText(SourceSpan span, ConsoleSource source, string? device, string text, ConsoleMatch match) =>
        new(span, source, device, Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text)), match);

    /// <summary>The check of bytes written in hex.</summary>
    public static ConsoleCheck OfBytes(SourceSpan span, ConsoleSource source, string? device, byte[] bytes, ConsoleMatch match) =>
        new(span, source, device, Encoding.Latin1.GetString(bytes), match, AsHex: true);

    /// <inheritdoc />
    public override string Describe() => "console";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        var kept = context.Console(Source);
        var ok = Match == ConsoleMatch.Contains ? kept.Contains(Expected, StringComparison.Ordinal) : kept == Expected;
        if (!ok)
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.ConsoleDiffers, Span, (Device is null ? "" : " " + Device) + (AsHex ? " (hex)" : ""), Show(kept), Match.ToString().ToLowerInvariant(), Show(Expected)));
        }
    }

    private string Show(string bytes)
    {
        var shown = bytes.Length > ShownBytes ? bytes[..ShownBytes] : bytes;
        var rest = bytes.Length > ShownBytes ? $"... ({bytes.Length} bytes)" : "";
        if (AsHex)
        {
            return Convert.ToHexStringLower(Encoding.Latin1.GetBytes(shown)) + rest;
        }

        // Shown as the UTF-8 text it most likely is; bytes that are not UTF-8 show as U+FFFD.
        return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(shown)).Replace("\n", "\\n", StringComparison.Ordinal) + rest;
    }
}
