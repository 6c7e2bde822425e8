namespace KjTest.Dsl.Vocabulary;

/// <summary>The device types of the emulated machine.</summary>
public static class DeviceTypes
{
    /// <summary>Every type by name.</summary>
    public static IReadOnlyDictionary<string, DeviceTypeInfo> All { get; } = new[]
    {
        new DeviceTypeInfo("debugcon", "QEMU debug console: each byte written is console output", (0xE9, 1), null, []),
        new DeviceTypeInfo("isa-debug-exit", "QEMU isa-debug-exit: a write of v ends the machine with code (v << 1) | 1", (0xF4, 1), null, []),
        new DeviceTypeInfo("uart16550", "16550 UART with captured output", (0x3F8, 8), 4, ["rbr", "thr", "ier", "iir", "fcr", "lcr", "mcr", "lsr", "msr", "scr", "dll", "dlm"]),
        new DeviceTypeInfo("pic8259", "8259A interrupt controller pair", (0x20, 2), null, ["master.imr", "master.irr", "master.isr", "master.base", "slave.imr", "slave.irr", "slave.isr", "slave.base"]),
        new DeviceTypeInfo("programmable", "a device with scenario-declared registers, PM callbacks, DMA and IRQ, for fault injection", null, null, []),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Looks up a type by name (case-insensitive).</summary>
    public static DeviceTypeInfo? Find(string name) => All.TryGetValue(name.ToLowerInvariant(), out var info) ? info : null;
}
