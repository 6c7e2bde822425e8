using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>An operand with its expressions evaluated for the current pass.</summary>
internal sealed record ResolvedOperand(AsmOperand Syntax)
{
    public AsmOperandKind Kind => Syntax.Kind;

    public Register Register { get; init; }

    /// <summary>The immediate, branch target, far offset, or memory displacement.</summary>
    public long Value { get; init; }

    public long Selector { get; init; }

    /// <summary>True when the value used a symbol not known yet in this pass.</summary>
    public bool Unresolved { get; init; }

    public Register Base { get; init; }

    public Register Index { get; init; }

    public int Scale { get; init; } = 1;

    /// <summary>Memory only: the value is a RIP-relative target address.</summary>
    public bool RipTarget { get; init; }

    /// <summary>Memory only: the value is an offset from the next instruction (objdump's <c>[rip+0x10]</c>).</summary>
    public bool RipOffset { get; init; }

    /// <summary>Memory only: 32 or 64 for the address registers used, 0 when there are none.</summary>
    public int AddressBits { get; init; }
}
