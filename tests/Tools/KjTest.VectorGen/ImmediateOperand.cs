namespace KjTest.VectorGen;

/// <summary>An immediate: <paramref name="Signed"/> selects the sign-extending Iced overload, <paramref name="Wide"/> the 64-bit one.</summary>
internal sealed record ImmediateOperand(ulong Value, bool Signed, bool Wide) : Operand;
