using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Facts about the kimage layout in guest RAM; parameters from <see cref="Vocabulary.ExpectationKinds"/>.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Parameters">The facts.</param>
public sealed record KimageExpectation(SourceSpan Span, IReadOnlyList<Parameter> Parameters) : Expectation(Span);
