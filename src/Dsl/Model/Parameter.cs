using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A named parameter of a fault or an open-vocabulary expectation.</summary>
/// <param name="Span">The whole parameter.</param>
/// <param name="Name">Its name.</param>
/// <param name="Value">Its value.</param>
public sealed record Parameter(SourceSpan Span, Located<string> Name, ParameterValue Value);
