namespace KjTest.Dsl.Images.Asm;

/// <summary>The kinds of assembly statement.</summary>
internal enum AsmStatementKind
{
    Label,
    Equ,
    Instruction,
    Data,
    Reserve,
    Times,
    Align,
    Bits,
    Org,
    Default,
}
