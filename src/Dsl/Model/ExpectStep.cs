using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Expectations checked at this point of the scenario (after the previous step).</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Expectations">What must hold.</param>
public sealed record ExpectStep(SourceSpan Span, IReadOnlyList<Expectation> Expectations) : Step(Span);
