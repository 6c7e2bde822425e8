using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// Text embedded in a scenario file (assembly or hex), with where each of its lines starts in the
/// file, so that a problem found inside the text can be reported at the file's line and column.
/// </summary>
/// <param name="Text">The text as the front end read it (block indentation removed).</param>
/// <param name="Span">The whole text in the file.</param>
/// <param name="LineOrigins">For each line of <paramref name="Text"/> (index 0 = line 1), the file offset, line and column of its first character.</param>
public sealed record EmbeddedText(string Text, SourceSpan Span, IReadOnlyList<TextOrigin> LineOrigins)
{
    /// <summary>Maps a 1-based line and column of <see cref="Text"/> and a length to a span in the file.</summary>
    public SourceSpan Map(int line, int column, int length)
    {
        if (LineOrigins.Count == 0 || line < 1)
        {
            return Span;
        }

        var origin = LineOrigins[Math.Min(line, LineOrigins.Count) - 1];
        var offset = origin.Offset + column - 1;
        return new SourceSpan(Span.Path, offset, length, origin.Line, origin.Column + column - 1, origin.Line, origin.Column + column - 1 + length);
    }

    /// <summary>Embedded text whose lines map one to one onto consecutive file lines starting at <paramref name="startOffset"/>.</summary>
    public static EmbeddedText FromSource(SourceText source, int startOffset, int length, string text, int indent)
    {
        var origins = new List<TextOrigin>();
        var (line, column) = source.Position(startOffset);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fileLine = line + i;
            var fileColumn = i == 0 ? column : indent + 1;
            origins.Add(new TextOrigin(source.Offset(fileLine, fileColumn), fileLine, fileColumn));
        }

        return new EmbeddedText(text, source.Span(startOffset, length), origins);
    }
}
