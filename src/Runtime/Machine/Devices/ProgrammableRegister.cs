namespace KjTest.Runtime.Machine.Devices;

/// <summary>One register of a <see cref="ProgrammableDevice"/>.</summary>
/// <param name="Name">Register name, unique within the device.</param>
/// <param name="Offset">Byte offset from the device's port base and MMIO base.</param>
/// <param name="Size">Width in bytes: 1, 2, 4 or 8.</param>
/// <param name="ResetValue">Value after reset.</param>
/// <param name="ReadOnly">True when guest writes are ignored (the host can still set it).</param>
public sealed record ProgrammableRegister(string Name, int Offset, int Size, ulong ResetValue = 0, bool ReadOnly = false);
