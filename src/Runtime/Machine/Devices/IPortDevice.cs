namespace KjTest.Runtime.Machine.Devices;

/// <summary>A device that answers port I/O (IN/OUT/INS/OUTS).</summary>
public interface IPortDevice : IDevice
{
    /// <summary>The ports the device decodes: first port and count.</summary>
    IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <summary>Reads 1, 2 or 4 bytes at <paramref name="port"/>.</summary>
    uint In(ushort port, int size);

    /// <summary>Writes 1, 2 or 4 bytes at <paramref name="port"/>.</summary>
    void Out(ushort port, int size, uint value);
}
