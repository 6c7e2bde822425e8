using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A raw binary file, relative to the scenario file's folder.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Path">The path as written.</param>
public sealed record FileContent(SourceSpan Span, Located<string> Path) : Content(Span);
