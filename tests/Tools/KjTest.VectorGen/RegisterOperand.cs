using Iced.Intel;

namespace KjTest.VectorGen;

/// <summary>A register operand.</summary>
internal sealed record RegisterOperand(Register Register) : Operand;
