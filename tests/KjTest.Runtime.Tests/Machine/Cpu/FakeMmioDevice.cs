using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>A 4 KiB MMIO window that records writes and answers reads with a fixed pattern.</summary>
internal sealed class FakeMmioDevice : IMmioDevice
{
    public const ulong Base = 0xFEB0_0000;

    public List<(ulong Address, int Size, ulong Value)> Writes { get; } = [];

    public string Name => "fake-mmio";

    public IReadOnlyList<(ulong Base, ulong Length)> MmioRanges => [(Base, 0x1000)];

    public ulong Read(ulong address, int size) => 0xA5A5_0000UL | (address & 0xFFFF);

    public void Write(ulong address, int size, ulong value) => Writes.Add((address, size, value));

    public DeviceSnapshot Snapshot() => new(Name, []);

    public void Reset() => Writes.Clear();
}
