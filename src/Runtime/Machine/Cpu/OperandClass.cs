namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Operand classes precomputed at decode time for the fast operand paths.</summary>
internal static class OperandClass
{
    public const byte Register = 0;
    public const byte Memory = 1;
    public const byte Immediate = 2;
    public const byte Other = 3;
}
