namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The two-operand ALU instructions.</summary>
internal enum AluKind
{
    Add,
    Or,
    Adc,
    Sbb,
    And,
    Sub,
    Xor,
    Cmp,
    Test,
}
