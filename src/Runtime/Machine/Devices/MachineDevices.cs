using KjTest.Runtime.Machine.Bus;

namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// The default device set of a KjTest machine, matching what QEMU test kernels expect:
/// debugcon at 0xE9, isa-debug-exit at 0xF4, a 16550 UART at 0x3F8 on IRQ 4, and the 8259A
/// pair, with the UART wired to the PIC.
/// </summary>
public sealed class MachineDevices
{
    private MachineDevices(DebugCon debugCon, IsaDebugExit debugExit, Uart16550 uart, Pic8259Pair pic)
    {
        DebugCon = debugCon;
        DebugExit = debugExit;
        Uart = uart;
        Pic = pic;
    }

    /// <summary>The debug console on port 0xE9.</summary>
    public DebugCon DebugCon { get; }

    /// <summary>The exit device on port 0xF4.</summary>
    public IsaDebugExit DebugExit { get; }

    /// <summary>COM1.</summary>
    public Uart16550 Uart { get; }

    /// <summary>The interrupt controller pair; also the CPU's <see cref="IInterruptController"/>.</summary>
    public Pic8259Pair Pic { get; }

    /// <summary>Every device of the set, in attach order.</summary>
    public IReadOnlyList<IPortDevice> All => [Pic, DebugCon, DebugExit, Uart];

    /// <summary>True when the guest asked the machine to stop through isa-debug-exit.</summary>
    public bool ExitRequested => DebugExit.ExitRequested;

    /// <summary>Creates the default set and attaches it to <paramref name="bus"/>.</summary>
    /// <param name="bus">The machine's I/O bus.</param>
    /// <param name="consoleSink">Optional consumer of debugcon bytes.</param>
    /// <param name="serialSink">Optional consumer of UART transmit bytes.</param>
    /// <param name="captureCap">Bytes each console keeps (0 when the sinks take the output).</param>
    public static MachineDevices CreateDefault(IoBus bus, Action<byte>? consoleSink = null, Action<byte>? serialSink = null, long captureCap = ConsoleCapture.DefaultCap)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var pic = new Pic8259Pair();
        var devices = new MachineDevices(
            new DebugCon(sink: consoleSink, captureCap: captureCap),
            new IsaDebugExit(),
            new Uart16550(irqLine: pic, sink: serialSink, captureCap: captureCap),
            pic);
        foreach (var device in devices.All)
        {
            bus.Attach(device);
        }

        return devices;
    }

    /// <summary>Snapshots of every device, in attach order.</summary>
    public IReadOnlyList<DeviceSnapshot> Snapshot() => [.. All.Select(d => d.Snapshot())];

    /// <summary>Resets every device to its power-on state.</summary>
    public void Reset()
    {
        foreach (var device in All)
        {
            device.Reset();
        }
    }
}
