namespace KjTest.Runtime.Machine.Devices;

/// <summary>One guest access to a <see cref="ProgrammableDevice"/> register, in the device's access log.</summary>
/// <param name="Register">Register name.</param>
/// <param name="IsWrite">True for a write.</param>
/// <param name="Value">Value read or written.</param>
/// <param name="ViaMmio">True for an MMIO access, false for port I/O.</param>
public sealed record DeviceAccess(string Register, bool IsWrite, ulong Value, bool ViaMmio);
