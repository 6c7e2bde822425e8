using Iced.Intel;

namespace KjTest.VectorGen;

/// <summary>One operand chosen for an instruction form.</summary>
internal abstract record Operand;

/// <summary>A register operand.</summary>
internal sealed record RegisterOperand(Register Register) : Operand;

/// <summary>A memory operand and the linear address it resolves to.</summary>
internal sealed record MemoryOperandChoice(MemoryOperand Memory, ulong Address) : Operand;

/// <summary>An immediate: <paramref name="Signed"/> selects the sign-extending Iced overload.</summary>
internal sealed record ImmediateOperand(ulong Value, bool Signed, bool Wide) : Operand;

/// <summary>A near branch target.</summary>
internal sealed record BranchOperand(ulong Target) : Operand;
