using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Only the bits set in <paramref name="Mask"/> of a register are compared.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Register">The register.</param>
/// <param name="Mask">Bits that count.</param>
public sealed record RegisterMask(SourceSpan Span, Located<string> Register, Located<UInt128> Mask);
