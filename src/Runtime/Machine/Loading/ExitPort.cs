using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>
/// QEMU's isa-debug-exit at port 0xF4: writing <c>v</c> ends the machine with exit code <c>(v &lt;&lt; 1) | 1</c>.
/// </summary>
public sealed class ExitPort : IPortDevice
{
    private readonly Action<int> _exit;
    private uint _last;

    /// <summary>Creates the port; <paramref name="exit"/> receives the exit code.</summary>
    public ExitPort(Action<int> exit) => _exit = exit;

    /// <inheritdoc />
    public string Name => "isa-debug-exit";

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports => [(0xF4, 1)];

    /// <inheritdoc />
    public uint In(ushort port, int size) => size switch { 1 => 0xFFu, 2 => 0xFFFFu, _ => 0xFFFF_FFFFu };

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value)
    {
        _last = value;
        _exit((int)((value << 1) | 1));
    }

    /// <inheritdoc />
    public DeviceSnapshot Snapshot() => new(Name, [new KeyValuePair<string, ulong>("last", _last)]);

    /// <inheritdoc />
    public void Reset() => _last = 0;
}
