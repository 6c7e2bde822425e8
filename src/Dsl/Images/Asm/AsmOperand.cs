using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>One operand as written: a register, a memory reference, an immediate or a far pointer.</summary>
internal sealed record AsmOperand(AsmOperandKind Kind, int Column, int Length)
{
    /// <summary>Size in bytes from a keyword such as <c>dword</c>; 0 when none was written.</summary>
    public int Size { get; init; }

    public AsmDistance Distance { get; init; }

    public Register Register { get; init; }

    public Register Segment { get; init; }

    /// <summary>The immediate, the memory address expression, or the far pointer's offset.</summary>
    public AsmExpr? Expr { get; init; }

    public AsmExpr? Selector { get; init; }

    /// <summary><c>rel</c> (true), <c>abs</c> (false) or neither (null) inside the brackets.</summary>
    public bool? Relative { get; init; }
}
