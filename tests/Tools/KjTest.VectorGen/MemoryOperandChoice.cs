using Iced.Intel;

namespace KjTest.VectorGen;

/// <summary>A memory operand and the linear address it resolves to.</summary>
internal sealed record MemoryOperandChoice(MemoryOperand Memory, ulong Address) : Operand;
