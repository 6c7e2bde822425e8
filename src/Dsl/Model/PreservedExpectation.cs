using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A's state in the named classes is the same after the jump as before it, except for the named
/// registers (CPU or <c>device.register</c>), memory ranges and masked bits.
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Classes">The state classes compared.</param>
/// <param name="ExceptRegisters">Registers not compared.</param>
/// <param name="ExceptMemory">Memory ranges not compared.</param>
/// <param name="Masks">Registers compared only in some bits.</param>
public sealed record PreservedExpectation(
    SourceSpan Span,
    IReadOnlyList<Located<StateClass>> Classes,
    IReadOnlyList<Located<string>> ExceptRegisters,
    IReadOnlyList<MemoryRange> ExceptMemory,
    IReadOnlyList<RegisterMask> Masks) : Expectation(Span);
