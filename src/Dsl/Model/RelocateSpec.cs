using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A user-supplied relocate routine that replaces the era's own: an image placed in the control page
/// and the era whose calling convention it follows.
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Image">The image holding the routine.</param>
/// <param name="Convention">The era whose interface (registers, data area, stack) it follows.</param>
public sealed record RelocateSpec(SourceSpan Span, Located<string> Image, Located<Era> Convention);
