namespace KjTest.Dsl.Model;

/// <summary>Where a line of embedded text starts in its file.</summary>
/// <param name="Offset">0-based file offset.</param>
/// <param name="Line">1-based file line.</param>
/// <param name="Column">1-based file column.</param>
public readonly record struct TextOrigin(int Offset, int Line, int Column);
