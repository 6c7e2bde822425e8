namespace KjTest.Dsl.Images.Asm;

/// <summary>The written shape of an instruction operand.</summary>
internal enum AsmOperandKind
{
    Register,
    Memory,
    Immediate,
    FarPointer,
}
