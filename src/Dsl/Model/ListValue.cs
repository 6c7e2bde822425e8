using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A list parameter value.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Items">The items.</param>
public sealed record ListValue(SourceSpan Span, IReadOnlyList<ParameterValue> Items) : ParameterValue(Span);
