namespace KjTest.VectorGen;

/// <summary>One operand chosen for an instruction form.</summary>
internal abstract record Operand;
