namespace KjTest.Runtime.Machine.Devices;

/// <summary>The observable registers of one device at one moment, in a stable order.</summary>
/// <param name="Device">Instance name.</param>
/// <param name="Registers">Register name and value, in the device's own order.</param>
public sealed record DeviceSnapshot(string Device, IReadOnlyList<KeyValuePair<string, ulong>> Registers);
