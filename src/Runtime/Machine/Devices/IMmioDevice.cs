namespace KjTest.Runtime.Machine.Devices;

/// <summary>A device that answers memory-mapped I/O in a physical address range.</summary>
public interface IMmioDevice : IDevice
{
    /// <summary>The physical ranges the device decodes: base and length in bytes.</summary>
    IReadOnlyList<(ulong Base, ulong Length)> MmioRanges { get; }

    /// <summary>Reads 1, 2, 4 or 8 bytes at physical address <paramref name="address"/>.</summary>
    ulong Read(ulong address, int size);

    /// <summary>Writes 1, 2, 4 or 8 bytes at physical address <paramref name="address"/>.</summary>
    void Write(ulong address, int size, ulong value);
}
