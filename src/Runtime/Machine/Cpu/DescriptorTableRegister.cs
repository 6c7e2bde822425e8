namespace KjTest.Runtime.Machine.Cpu;

/// <summary>GDTR or IDTR: linear base and limit.</summary>
/// <param name="Base">Linear base address.</param>
/// <param name="Limit">Limit in bytes (size minus one).</param>
public readonly record struct DescriptorTableRegister(ulong Base, ushort Limit);
