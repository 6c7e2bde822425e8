using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A register of A (or <c>device.register</c>) holds a value, optionally in the masked bits only.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Register">The register.</param>
/// <param name="Value">The value.</param>
/// <param name="Mask">Bits compared, or null for all.</param>
public sealed record RegisterExpectation(SourceSpan Span, Located<string> Register, Located<UInt128> Value, Located<UInt128>? Mask) : Expectation(Span);
