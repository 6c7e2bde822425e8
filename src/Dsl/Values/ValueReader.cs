using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Values;

/// <summary>
/// Reads the text of a number, a signed number or a size into its value, reporting the KJ13xx
/// diagnostics. Both front ends read values through it, so a bad value is reported alike in YAML and .kjt.
/// </summary>
public static class ValueReader
{
    /// <summary>An unsigned number of at most <paramref name="bits"/> bits, or null after reporting why not.</summary>
    public static UInt128? Number(string text, SourceSpan span, int bits, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!NumberSyntax.TryParse(text, out var value, out var overflow))
        {
            if (overflow)
            {
                diagnostics.Report(DiagnosticCatalogue.NumberTooLarge, span, text, bits);
            }
            else
            {
                diagnostics.Report(DiagnosticCatalogue.InvalidNumber, span, text);
            }

            return null;
        }

        if (bits < 128 && value >> bits != 0)
        {
            diagnostics.Report(DiagnosticCatalogue.NumberTooLarge, span, text, bits);
            return null;
        }

        return value;
    }

    /// <summary>A signed 64-bit number, or null after reporting why not.</summary>
    public static long? Signed(string text, SourceSpan span, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (NumberSyntax.TryParseSigned(text, out var value))
        {
            return value;
        }

        diagnostics.Report(DiagnosticCatalogue.InvalidSigned, span, text);
        return null;
    }

    /// <summary>A size in bytes (a number with an optional binary unit), or null after reporting why not.</summary>
    public static ulong? Size(string text, SourceSpan span, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        switch (SizeSyntax.TryParse(text, out var value, out var unit))
        {
            case SizeSyntax.Result.Ok:
                return value;
            case SizeSyntax.Result.UnknownUnit:
                diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownSizeUnit, span, UnitHint(unit), unit);
                return null;
            case SizeSyntax.Result.TooLarge:
                diagnostics.Report(DiagnosticCatalogue.SizeTooLarge, span, text);
                return null;
            default:
                diagnostics.Report(DiagnosticCatalogue.InvalidSize, span, text);
                return null;
        }
    }

    /// <summary>Decimal-looking units (MB, GB) get the binary unit KjTest means; others the closest unit.</summary>
    private static string? UnitHint(string unit) =>
        unit.Length == 2 && char.ToUpperInvariant(unit[1]) == 'B' && SizeSyntax.Units.ContainsKey(unit[0] + "iB")
            ? $"did you mean `{char.ToUpperInvariant(unit[0])}iB`? sizes are binary: 1 {char.ToUpperInvariant(unit[0])}iB = {SizeSyntax.Units[unit[0] + "iB"]} bytes"
            : Suggestions.DidYouMean(unit, SizeSyntax.Units.Keys);
}
