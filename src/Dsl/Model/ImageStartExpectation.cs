using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary><c>image->start</c> of the loaded image (the peer's re-entry point after a round trip).</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Value">A number or a label of an image.</param>
public sealed record ImageStartExpectation(SourceSpan Span, Located<SymbolOrNumber> Value) : Expectation(Span);
