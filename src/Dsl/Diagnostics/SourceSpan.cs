namespace KjTest.Dsl.Diagnostics;

/// <summary>
/// A range of characters in a source file. <see cref="Offset"/> is 0-based; <see cref="Line"/>,
/// <see cref="Column"/>, <see cref="EndLine"/> and <see cref="EndColumn"/> are 1-based, as printed.
/// The end is exclusive. Every front end converts its own positions into this one shape.
/// </summary>
/// <param name="Path">The file as the user named it (relative paths stay relative).</param>
/// <param name="Offset">0-based character offset of the first character.</param>
/// <param name="Length">Number of characters covered; 0 for a point.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
/// <param name="EndLine">1-based line just after the span.</param>
/// <param name="EndColumn">1-based column just after the span.</param>
public readonly record struct SourceSpan(string Path, int Offset, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for input that has no file, such as a model built in code.</summary>
    public static SourceSpan None { get; } = new("", 0, 0, 0, 0, 0, 0);

    /// <summary>True when the span points into a real file.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>A point span at the start of a file.</summary>
    public static SourceSpan StartOf(string path) => new(path, 0, 0, 1, 1, 1, 1);

    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
