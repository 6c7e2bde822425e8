using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Bytes written as hexadecimal digits.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Source">The hex text.</param>
public sealed record HexContent(SourceSpan Span, EmbeddedText Source) : Content(Span);
