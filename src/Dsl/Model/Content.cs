using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Where the bytes of a segment or a memory initialisation come from.</summary>
/// <param name="Span">Where the content was written.</param>
public abstract record Content(SourceSpan Span);
