using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>
/// Assembly text together with a mapper that turns a position inside <see cref="Text"/> into a
/// span of the scenario file, so errors in an embedded block point at the right file line.
/// </summary>
/// <param name="Text">The assembly text; lines are separated by <c>\n</c> (a trailing <c>\r</c> is ignored).</param>
/// <param name="Map">Maps (1-based line within <see cref="Text"/>, 1-based column, length) to a span in the scenario file.</param>
public sealed record AsmSource(string Text, Func<int, int, int, SourceSpan> Map)
{
    /// <summary>A source whose positions are those of a standalone file named <paramref name="path"/>.</summary>
    public static AsmSource FromFile(string path, string text)
    {
        var source = new SourceText(path, text);
        return new AsmSource(text, source.SpanAt);
    }
}
