namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// QEMU's <c>isa-debug-exit</c>: a write of value v asks the machine to stop with exit code
/// <c>(v &lt;&lt; 1) | 1</c>, so no guest write can produce exit code 0. The CPU run loop polls
/// <see cref="ExitRequested"/> after port I/O.
/// </summary>
public sealed class IsaDebugExit : IPortDevice
{
    private readonly ushort _port;
    private readonly int _ioSize;

    /// <summary>Creates the device.</summary>
    /// <param name="name">Instance name.</param>
    /// <param name="port">First I/O port (QEMU's <c>iobase</c>, default 0x501 there; test kernels use 0xF4).</param>
    /// <param name="ioSize">Width of the port window in bytes: 1, 2 or 4 (QEMU's <c>iosize</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ioSize"/> is not 1, 2 or 4.</exception>
    public IsaDebugExit(string name = "debug-exit", ushort port = 0xF4, int ioSize = 1)
    {
        if (ioSize is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(ioSize), ioSize, "iosize must be 1, 2 or 4");
        }

        Name = name;
        _port = port;
        _ioSize = ioSize;
        Ports = [(port, ioSize)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <summary>Called with <see cref="ExitCode"/> on every guest write, so a run loop can stop at that instruction.</summary>
    public Action<uint>? Exited { get; set; }

    /// <summary>True once the guest has written to the device.</summary>
    public bool ExitRequested { get; private set; }

    /// <summary>The requested exit code, <c>(v &lt;&lt; 1) | 1</c>; meaningful when <see cref="ExitRequested"/>.</summary>
    public uint ExitCode { get; private set; }

    /// <summary>The raw value written, as the device latched it.</summary>
    public uint ExitValue { get; private set; }

    /// <inheritdoc />
    /// <remarks>The device has no readable register; QEMU answers reads of its window with 0.</remarks>
    public uint In(ushort port, int size) => 0u;

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value)
    {
        // The written value is truncated to the access width and to the window width.
        var width = Math.Min(size, _ioSize - (port - _port));
        if (width <= 0)
        {
            return;
        }

        var v = width switch
        {
            1 => value & 0xFF,
            2 => value & 0xFFFF,
            _ => value,
        };
        ExitValue = v;
        ExitCode = (v << 1) | 1;
        ExitRequested = true;
        Exited?.Invoke(ExitCode);
    }

    /// <inheritdoc />
    public DeviceSnapshot Snapshot() => new(Name,
    [
        new("exit_requested", ExitRequested ? 1ul : 0ul),
        new("exit_value", ExitValue),
        new("exit_code", ExitCode),
    ]);

    /// <inheritdoc />
    public void Reset()
    {
        ExitRequested = false;
        ExitCode = 0;
        ExitValue = 0;
    }
}
