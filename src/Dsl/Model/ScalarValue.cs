using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A scalar parameter value: its text exactly as written (quotes removed).</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Text">The text.</param>
public sealed record ScalarValue(SourceSpan Span, string Text) : ParameterValue(Span);
