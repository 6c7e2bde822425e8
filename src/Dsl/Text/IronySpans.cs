using Irony.Parsing;
using KjTest.Dsl.Diagnostics;
using SourceSpan = KjTest.Dsl.Diagnostics.SourceSpan;

namespace KjTest.Dsl.Text;

/// <summary>
/// Converts Irony positions into <see cref="SourceSpan"/>. Irony's <see cref="SourceLocation"/> has a
/// 0-based line and column (its column also expands tabs to 8); only its 0-based character
/// <see cref="SourceLocation.Position"/> is used, and <see cref="SourceText"/> computes the 1-based
/// line and column from it, so spans agree with the YAML front end's.
/// </summary>
internal static class IronySpans
{
    /// <summary>The span of <paramref name="length"/> characters at an Irony location.</summary>
    public static SourceSpan ToSpan(SourceText source, SourceLocation location, int length) =>
        source.Span(location.Position, length);

    /// <summary>The span of a token.</summary>
    public static SourceSpan ToSpan(SourceText source, Token token) =>
        source.Span(token.Location.Position, token.Length);
}
