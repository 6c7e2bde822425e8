using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A register (or device register) and a value. Register names are lower case as in
/// <see cref="Vocabulary.Registers"/>, e.g. <c>rax</c>, <c>cr4</c>, <c>gdtr.base</c>, <c>cs.attr</c>,
/// <c>st0</c>, <c>xmm3</c>; MSRs by name (<c>msr.efer</c>) or number (<c>msr.0xc0000080</c>).
/// </summary>
/// <param name="Span">The whole assignment.</param>
/// <param name="Name">The register name.</param>
/// <param name="Value">The value (up to 128 bits).</param>
public sealed record RegisterAssignment(SourceSpan Span, Located<string> Name, Located<UInt128> Value);
