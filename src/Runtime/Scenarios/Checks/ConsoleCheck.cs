using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>The console output, exactly or containing a text.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Source">Which output is read.</param>
/// <param name="Device">The device as written, or null for all output.</param>
/// <param name="Text">The text expected.</param>
/// <param name="Match">Exact or contains.</param>
public sealed record ConsoleCheck(SourceSpan Span, ConsoleSource Source, string? Device, string Text, ConsoleMatch Match) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "console";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        var text = context.Console(Source);
        var ok = Match == ConsoleMatch.Contains ? text.Contains(Text, StringComparison.Ordinal) : text == Text;
        if (!ok)
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.ConsoleDiffers, Span, Device is null ? "" : " " + Device, Escape(text), Match.ToString().ToLowerInvariant(), Escape(Text)));
        }
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
