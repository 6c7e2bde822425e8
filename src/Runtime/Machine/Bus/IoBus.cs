using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Machine.Bus;

/// <summary>
/// Port I/O and MMIO dispatch. Ports no device decodes read as all ones and ignore writes,
/// as on a PC's ISA bus.
/// </summary>
public sealed class IoBus
{
    private readonly IPortDevice?[] _ports = new IPortDevice?[0x10000];
    private readonly List<(ulong Base, ulong End, IMmioDevice Device)> _mmio = [];

    /// <summary>Every device attached, in attach order.</summary>
    public List<IDevice> Devices { get; } = [];

    /// <summary>Attaches a port device at the ports it declares.</summary>
    /// <exception cref="InvalidOperationException">A port is already taken.</exception>
    public void Attach(IPortDevice device)
    {
        foreach (var (first, count) in device.Ports)
        {
            for (var p = first; p < first + count; p++)
            {
                if (_ports[p] is { } other)
                {
                    throw new InvalidOperationException($"port 0x{p:x} of {device.Name} is already decoded by {other.Name}");
                }

                _ports[p] = device;
            }
        }

        Devices.Add(device);
    }

    /// <summary>Attaches an MMIO device at the ranges it declares.</summary>
    public void Attach(IMmioDevice device)
    {
        foreach (var (start, length) in device.MmioRanges)
        {
            _mmio.Add((start, start + length, device));
        }

        if (!Devices.Contains(device))
        {
            Devices.Add(device);
        }
    }

    /// <summary>True when some device decodes any byte of [address, address+length).</summary>
    public bool IsMmio(ulong address, ulong length)
    {
        foreach (var (start, end, _) in _mmio)
        {
            if (address < end && address + length > start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Port read of 1, 2 or 4 bytes.</summary>
    public uint In(ushort port, int size) =>
        _ports[port] is { } device ? device.In(port, size) : size switch { 1 => 0xFFu, 2 => 0xFFFFu, _ => 0xFFFF_FFFFu };

    /// <summary>Port write of 1, 2 or 4 bytes.</summary>
    public void Out(ushort port, int size, uint value) => _ports[port]?.Out(port, size, value);

    /// <summary>MMIO read; false when no device decodes the address.</summary>
    public bool TryRead(ulong address, int size, out ulong value)
    {
        foreach (var (start, end, device) in _mmio)
        {
            if (address >= start && address < end)
            {
                value = device.Read(address, size);
                return true;
            }
        }

        value = 0;
        return false;
    }

    /// <summary>MMIO write; false when no device decodes the address.</summary>
    public bool TryWrite(ulong address, int size, ulong value)
    {
        foreach (var (start, end, device) in _mmio)
        {
            if (address >= start && address < end)
            {
                device.Write(address, size, value);
                return true;
            }
        }

        return false;
    }
}
