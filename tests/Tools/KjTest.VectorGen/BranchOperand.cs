namespace KjTest.VectorGen;

/// <summary>A near branch target.</summary>
internal sealed record BranchOperand(ulong Target) : Operand;
