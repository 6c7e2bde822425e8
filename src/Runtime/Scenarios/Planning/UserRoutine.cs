using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>A user-supplied relocate routine: the first segment's content of an image, assembled at the code page.</summary>
/// <param name="Image">The image's name.</param>
/// <param name="Content">The content, or null for an empty routine.</param>
/// <param name="Span">Where <c>relocate</c> was written.</param>
public sealed record UserRoutine(string Image, Content? Content, SourceSpan Span);
