using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>One step of a scenario, executed in order by kernel A.</summary>
/// <param name="Span">Where the step was written.</param>
public abstract record Step(SourceSpan Span);
