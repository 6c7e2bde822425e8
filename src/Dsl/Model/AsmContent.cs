using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Intel-syntax assembly, assembled at the segment's address in the image's mode.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Source">The assembly text.</param>
public sealed record AsmContent(SourceSpan Span, EmbeddedText Source) : Content(Span);
