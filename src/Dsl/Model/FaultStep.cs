using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A fault to inject during the following steps; its kind and parameters come from <see cref="Vocabulary.FaultKinds"/>.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Kind">The fault kind.</param>
/// <param name="Parameters">Its parameters, in the order written.</param>
public sealed record FaultStep(SourceSpan Span, Located<string> Kind, IReadOnlyList<Parameter> Parameters) : Step(Span);
