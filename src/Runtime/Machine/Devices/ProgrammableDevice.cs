using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// A generic device for scenarios and fault injection: a named register file decoded at a
/// port window, an MMIO window, or both, that the host can make write guest memory (DMA),
/// raise or lower its IRQ line, or lose its register state, at any moment it chooses.
/// Every guest access is logged so tests can assert what a driver did.
/// </summary>
public sealed class ProgrammableDevice : IPortDevice, IMmioDevice
{
    private readonly ProgrammableRegister[] _registers;
    private readonly Dictionary<string, int> _byName;
    private readonly ulong[] _values;
    private readonly int[] _byteOwner;
    private readonly ushort? _portBase;
    private readonly ulong? _mmioBase;
    private readonly IIrqLine? _irqLine;
    private readonly int _irq;
    private readonly IPhysicalMemory? _memory;
    private readonly List<DeviceAccess> _accesses = [];

    /// <summary>Creates the device.</summary>
    /// <param name="name">Instance name.</param>
    /// <param name="registers">The register file; offsets must not overlap.</param>
    /// <param name="portBase">First I/O port of the window, or null for no port decoding.</param>
    /// <param name="mmioBase">Physical base of the MMIO window, or null for no MMIO decoding.</param>
    /// <param name="irqLine">Where its interrupt goes, or null.</param>
    /// <param name="irq">IRQ number on <paramref name="irqLine"/>.</param>
    /// <param name="memory">Guest physical memory for DMA, or null for a device without bus mastering.</param>
    /// <param name="portCount">Ports the port window decodes, at least the register file's length; null for exactly that length.</param>
    /// <param name="mmioLength">Bytes the MMIO window decodes, at least the register file's length; null for exactly that length.</param>
    /// <exception cref="ArgumentException">Overlapping or duplicate registers, a bad size, a window shorter than the register file, or no window at all.</exception>
    public ProgrammableDevice(
        string name,
        IReadOnlyList<ProgrammableRegister> registers,
        ushort? portBase = null,
        ulong? mmioBase = null,
        IIrqLine? irqLine = null,
        int irq = 0,
        IPhysicalMemory? memory = null,
        int? portCount = null,
        ulong? mmioLength = null)
    {
        ArgumentNullException.ThrowIfNull(registers);
        if (portBase is null && mmioBase is null)
        {
            throw new ArgumentException("a device needs a port window, an MMIO window or both", nameof(portBase));
        }

        Name = name;
        _registers = [.. registers];
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        WindowLength = _registers.Length == 0 ? 1 : _registers.Max(r => r.Offset + r.Size);
        _byteOwner = new int[WindowLength];
        Array.Fill(_byteOwner, -1);
        for (var i = 0; i < _registers.Length; i++)
        {
            var r = _registers[i];
            if (r.Size is not (1 or 2 or 4 or 8) || r.Offset < 0)
            {
                throw new ArgumentException($"register {r.Name}: size must be 1, 2, 4 or 8 and the offset not negative", nameof(registers));
            }

            if (!_byName.TryAdd(r.Name, i))
            {
                throw new ArgumentException($"register {r.Name} is declared twice", nameof(registers));
            }

            for (var b = r.Offset; b < r.Offset + r.Size; b++)
            {
                if (_byteOwner[b] >= 0)
                {
                    throw new ArgumentException($"register {r.Name} overlaps {_registers[_byteOwner[b]].Name}", nameof(registers));
                }

                _byteOwner[b] = i;
            }
        }

        if (portCount < WindowLength || mmioLength < (ulong)WindowLength)
        {
            throw new ArgumentException($"the window is shorter than the register file's {WindowLength} bytes", nameof(registers));
        }

        var ports = portCount ?? WindowLength;
        if (portBase is { } p && p + ports > 0x10000)
        {
            throw new ArgumentException("the port window runs past port 0xFFFF", nameof(portBase));
        }

        _values = new ulong[_registers.Length];
        _portBase = portBase;
        _mmioBase = mmioBase;
        _irqLine = irqLine;
        _irq = irq;
        _memory = memory;
        Ports = portBase is { } first ? [(first, ports)] : [];
        MmioRanges = mmioBase is { } mb ? [(mb, mmioLength ?? (ulong)WindowLength)] : [];
        Reset();
    }

    /// <inheritdoc cref="IDevice.Name" />
    public string Name { get; }

    /// <summary>Bytes the register file spans from each window's base; the windows may decode more, which reads as all ones.</summary>
    public int WindowLength { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ulong Base, ulong Length)> MmioRanges { get; }

    /// <summary>Guest accesses since the last reset, oldest first.</summary>
    public IReadOnlyList<DeviceAccess> Accesses => _accesses;

    /// <summary>True while the device holds its IRQ line high.</summary>
    public bool IrqAsserted { get; private set; }

    /// <summary>Total bytes written into guest memory by DMA.</summary>
    public ulong DmaBytesWritten { get; private set; }

    /// <summary>Reads a register as the host.</summary>
    /// <exception cref="KeyNotFoundException">No register has that name.</exception>
    public ulong GetRegister(string name) => _values[IndexOf(name)];

    /// <summary>Sets a register as the host (read-only registers included), truncated to its width.</summary>
    /// <exception cref="KeyNotFoundException">No register has that name.</exception>
    public void SetRegister(string name, ulong value)
    {
        var i = IndexOf(name);
        _values[i] = value & WidthMask(_registers[i].Size);
    }

    /// <summary>Drives the IRQ line high and keeps it high until <see cref="LowerIrq"/>.</summary>
    public void RaiseIrq() => DriveIrq(true);

    /// <summary>Drives the IRQ line low.</summary>
    public void LowerIrq() => DriveIrq(false);

    /// <summary>Writes <paramref name="data"/> into guest physical memory as a bus master.</summary>
    /// <exception cref="InvalidOperationException">The device was created without memory.</exception>
    public void DmaWrite(ulong address, ReadOnlySpan<byte> data)
    {
        RequireMemory().Write(address, data);
        DmaBytesWritten += (ulong)data.Length;
    }

    /// <summary>Reads guest physical memory as a bus master.</summary>
    /// <exception cref="InvalidOperationException">The device was created without memory.</exception>
    public void DmaRead(ulong address, Span<byte> destination) => RequireMemory().Read(address, destination);

    /// <summary>
    /// Models a device that lost power or was reset behind the driver's back: every register
    /// returns to its reset value and the IRQ line drops, while the access log is kept.
    /// </summary>
    public void LoseState()
    {
        for (var i = 0; i < _registers.Length; i++)
        {
            _values[i] = _registers[i].ResetValue & WidthMask(_registers[i].Size);
        }

        DriveIrq(false);
    }

    /// <summary>
    /// Models a device that lost part of its state: the named registers return to their reset values, the others and
    /// the IRQ line keep theirs.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No register has one of the names.</exception>
    public void LoseState(IEnumerable<string> registers)
    {
        ArgumentNullException.ThrowIfNull(registers);
        foreach (var i in registers.Select(IndexOf).ToList())
        {
            _values[i] = _registers[i].ResetValue & WidthMask(_registers[i].Size);
        }
    }

    /// <inheritdoc />
    public uint In(ushort port, int size) =>
        (uint)GuestRead(port - _portBase!.Value, Math.Min(size, 4), viaMmio: false);

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value) =>
        GuestWrite(port - _portBase!.Value, Math.Min(size, 4), value, viaMmio: false);

    /// <inheritdoc />
    public ulong Read(ulong address, int size) => GuestRead((int)(address - _mmioBase!.Value), size, viaMmio: true);

    /// <inheritdoc />
    public void Write(ulong address, int size, ulong value) => GuestWrite((int)(address - _mmioBase!.Value), size, value, viaMmio: true);

    /// <inheritdoc />
    public DeviceSnapshot Snapshot()
    {
        var registers = new List<KeyValuePair<string, ulong>>(_registers.Length + 1);
        for (var i = 0; i < _registers.Length; i++)
        {
            registers.Add(new(_registers[i].Name, _values[i]));
        }

        registers.Add(new("irq", IrqAsserted ? 1ul : 0ul));
        return new DeviceSnapshot(Name, registers);
    }

    /// <inheritdoc />
    public void Reset()
    {
        LoseState();
        _accesses.Clear();
        DmaBytesWritten = 0;
    }

    private static ulong WidthMask(int size) => size == 8 ? ulong.MaxValue : (1ul << (size * 8)) - 1;

    private ulong GuestRead(int offset, int size, bool viaMmio)
    {
        ulong result = 0;
        var touched = -1;
        for (var b = 0; b < size; b++)
        {
            var at = offset + b;
            var owner = at >= 0 && at < WindowLength ? _byteOwner[at] : -1;

            // Bytes no register decodes float high, as an undecoded bus does.
            var value = owner < 0 ? 0xFFul : (_values[owner] >> ((at - _registers[owner].Offset) * 8)) & 0xFF;
            result |= value << (b * 8);
            if (owner >= 0 && owner != touched)
            {
                touched = owner;
                _accesses.Add(new DeviceAccess(_registers[owner].Name, IsWrite: false, _values[owner], viaMmio));
            }
        }

        return result;
    }

    private void GuestWrite(int offset, int size, ulong value, bool viaMmio)
    {
        var written = new List<int>(1);
        for (var b = 0; b < size; b++)
        {
            var at = offset + b;
            var owner = at >= 0 && at < WindowLength ? _byteOwner[at] : -1;
            if (owner < 0 || _registers[owner].ReadOnly)
            {
                continue;
            }

            var shift = (at - _registers[owner].Offset) * 8;
            var laneByte = (value >> (b * 8)) & 0xFF;
            _values[owner] = (_values[owner] & ~(0xFFul << shift)) | (laneByte << shift);
            if (!written.Contains(owner))
            {
                written.Add(owner);
            }
        }

        foreach (var owner in written)
        {
            _accesses.Add(new DeviceAccess(_registers[owner].Name, IsWrite: true, _values[owner], viaMmio));
        }
    }

    private int IndexOf(string name) =>
        _byName.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"{Name} has no register {name}");

    private IPhysicalMemory RequireMemory() =>
        _memory ?? throw new InvalidOperationException($"{Name} was created without access to guest memory");

    private void DriveIrq(bool level)
    {
        if (IrqAsserted == level)
        {
            return;
        }

        IrqAsserted = level;
        _irqLine?.SetIrq(_irq, level);
    }
}
