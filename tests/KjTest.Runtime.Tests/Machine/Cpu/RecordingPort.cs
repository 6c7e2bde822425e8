using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>Port 0xE9 stand-in: records bytes written and reads back 0x5A.</summary>
internal sealed class RecordingPort : IPortDevice
{
    private readonly System.Text.StringBuilder _written = new();

    public string Name => "recorder";

    public string Written => _written.ToString();

    public IReadOnlyList<(ushort First, int Count)> Ports => [(0xE9, 1)];

    public uint In(ushort port, int size) => 0x5A;

    public void Out(ushort port, int size, uint value) => _written.Append((char)(value & 0xFF));

    public DeviceSnapshot Snapshot() => new(Name, []);

    public void Reset() => _written.Clear();
}
