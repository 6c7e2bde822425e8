namespace KjTest.Dsl.Diagnostics;

/// <summary>
/// The text of a source file with a line index, used to turn offsets into 1-based lines and
/// columns and to show the offending line under a diagnostic.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source text.</summary>
    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The file path as the user named it.</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>Number of lines (a final line without newline counts).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>1-based line and column of a 0-based offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>0-based offset of a 1-based line and column.</summary>
    public int Offset(int line, int column)
    {
        if (line < 1)
        {
            return 0;
        }

        if (line > _lineStarts.Length)
        {
            return Text.Length;
        }

        return Math.Min(Text.Length, _lineStarts[line - 1] + Math.Max(0, column - 1));
    }

    /// <summary>The span of <paramref name="length"/> characters from <paramref name="offset"/>.</summary>
    public SourceSpan Span(int offset, int length)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        length = Math.Clamp(length, 0, Text.Length - offset);
        var (line, column) = Position(offset);
        var (endLine, endColumn) = Position(offset + length);
        return new SourceSpan(Path, offset, length, line, column, endLine, endColumn);
    }

    /// <summary>The span from a 1-based line and column, running <paramref name="length"/> characters.</summary>
    public SourceSpan SpanAt(int line, int column, int length) => Span(Offset(line, column), length);

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string LineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return "";
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }
}
