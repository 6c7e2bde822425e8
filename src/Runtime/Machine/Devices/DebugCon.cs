namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// QEMU's ISA debug console (<c>-device isa-debugcon</c>): every byte written to its port is
/// console output; a read returns the readback value (0xE9 in QEMU), which guests use to
/// detect the device.
/// </summary>
public sealed class DebugCon : IPortDevice
{
    private readonly ushort _port;
    private readonly byte _readback;
    private readonly Action<byte>? _sink;
    private readonly ConsoleCapture _output;

    /// <summary>Creates the console.</summary>
    /// <param name="name">Instance name.</param>
    /// <param name="port">I/O port decoded (0xE9 on QEMU).</param>
    /// <param name="readback">Value returned by reads of the port.</param>
    /// <param name="sink">Optional consumer called with each byte as it is written.</param>
    /// <param name="captureCap">Bytes of output kept in <see cref="Capture"/> (0 when a sink takes them all).</param>
    public DebugCon(string name = "debugcon", ushort port = 0xE9, byte readback = 0xE9, Action<byte>? sink = null, long captureCap = ConsoleCapture.DefaultCap)
    {
        _output = new ConsoleCapture(captureCap);
        Name = name;
        _port = port;
        _readback = readback;
        _sink = sink;
        Ports = [(port, 1)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <summary>The output kept since the last <see cref="Reset"/> or <see cref="ClearOutput"/>, up to its cap.</summary>
    public ConsoleCapture Capture => _output;

    /// <summary>A copy of the bytes kept.</summary>
    public IReadOnlyList<byte> Output => _output.Bytes.ToArray();

    /// <summary>The output as Latin-1 text (one character per byte, so nothing is lost).</summary>
    public string OutputText => _output.Text;

    /// <summary>Forgets the captured output.</summary>
    public void ClearOutput() => _output.Clear();

    /// <inheritdoc />
    public uint In(ushort port, int size) => size switch
    {
        // Wider reads see the readback byte in the low lane and an undecoded bus above it.
        1 => _readback,
        2 => 0xFF00u | _readback,
        _ => 0xFFFF_FF00u | _readback,
    };

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value)
    {
        // Only the low byte lane reaches the 8-bit device, as on QEMU's ISA bus.
        if (port != _port)
        {
            return;
        }

        var b = (byte)value;
        _output.Add(b);
        _sink?.Invoke(b);
    }

    /// <inheritdoc />
    public DeviceSnapshot Snapshot() => new(Name, [new("readback", _readback), new("output_length", (ulong)_output.Written)]);

    /// <inheritdoc />
    public void Reset() => _output.Clear();
}
