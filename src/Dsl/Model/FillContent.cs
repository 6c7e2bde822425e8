using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A run of one repeated byte.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Value">The byte.</param>
/// <param name="Size">How many bytes.</param>
public sealed record FillContent(SourceSpan Span, Located<ulong> Value, Located<ulong> Size) : Content(Span);
