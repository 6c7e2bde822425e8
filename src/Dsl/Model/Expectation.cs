using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Something that must hold about kernel A, the images or the console.</summary>
/// <param name="Span">Where it was written.</param>
public abstract record Expectation(SourceSpan Span);
