using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// How a scenario's <c>programmable</c> device becomes a <see cref="ProgrammableDevice"/>. The convention:
/// <list type="bullet">
/// <item>each declared register is <see cref="RegisterWidth"/> bytes wide, at byte offset <see cref="RegisterWidth"/> × i
/// in declaration order, from the base of each window;</item>
/// <item>the port window starts at the first port of the (single) declared port range and decodes all of it; the MMIO
/// window starts at the (single) declared MMIO range and decodes all of it; a device has one or both, and each must be
/// long enough for the register file; bytes past the registers read as all ones and ignore writes;</item>
/// <item>guests access registers with 1, 2 or 4-byte IN/OUT (a register's upper half at offset + 4) and 1 to 8-byte
/// MMIO;</item>
/// <item>every register powers on as 0 (what <c>device_state_lost</c> returns it to) and starts the scenario at its
/// declared value, the programming A's driver left in it;</item>
/// <item>the declared IRQ line is wired to the machine's 8259A pair; without one the device raises no interrupt;</item>
/// <item>in device state (gaps, <c>expect: registers</c>) the registers are <c>name.register</c>, followed by
/// <c>name.irq</c>, the level the device drives on its line;</item>
/// <item>the device is a bus master: its DMA writes guest physical memory directly.</item>
/// </list>
/// </summary>
public static class ProgrammableDeviceLayout
{
    /// <summary>Width in bytes of every declared register, and the stride between them.</summary>
    public const int RegisterWidth = 8;

    /// <summary>The device-state field (after the declared registers) holding the level of the device's IRQ line, 1 while it requests.</summary>
    public const string LineRegister = "irq";

    /// <summary>IRQ lines a programmable device cannot take: the slave's cascade input and COM1's line (the machine always has its UART).</summary>
    public static IReadOnlySet<int> ReservedIrqs { get; } = new HashSet<int> { 2, 4 };

    /// <summary>Byte offset of the register declared at <paramref name="index"/> from each window's base.</summary>
    public static int OffsetOf(int index) => index * RegisterWidth;

    /// <summary>The register file of <paramref name="spec"/>: its declared names, in order, 8 bytes apart, powering on as 0.</summary>
    public static IReadOnlyList<ProgrammableRegister> Registers(DeviceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. spec.Registers.Select((r, i) => new ProgrammableRegister(r.Name.Value.ToLowerInvariant(), OffsetOf(i), RegisterWidth))];
    }

    /// <summary>
    /// Builds the device <paramref name="spec"/> declares, with its registers at their declared values, its IRQ on
    /// <paramref name="irqLine"/> and DMA into <paramref name="memory"/>; or, when the declaration does not fit the
    /// convention, where and why.
    /// </summary>
    public static (ProgrammableDevice? Device, SourceSpan Span, string? Error) Create(DeviceSpec spec, IIrqLine irqLine, IPhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.Name.Value;
        if (spec.Ports.Count == 0 && spec.Mmio.Count == 0)
        {
            return (null, spec.Span, $"programmable device '{name}' needs a port range, an MMIO range or both for its registers");
        }

        if (spec.Ports.Count > 1 || spec.Mmio.Count > 1)
        {
            var extra = spec.Ports.Count > 1 ? spec.Ports[1].Span : spec.Mmio[1].Span;
            return (null, extra, $"programmable device '{name}' decodes one port range and one MMIO range; a second one would be ignored");
        }

        var length = (ulong)Math.Max(1, OffsetOf(spec.Registers.Count));
        if (spec.Ports is [var ports] && ports.Count.Value < length)
        {
            return (null, ports.Span, $"programmable device '{name}': {spec.Registers.Count} registers of {RegisterWidth} bytes need {length} ports, the range has {ports.Count.Value}");
        }

        if (spec.Mmio is [var mmio] && mmio.Size.Value < length)
        {
            return (null, mmio.Span, $"programmable device '{name}': {spec.Registers.Count} registers of {RegisterWidth} bytes need {length} bytes of MMIO, the range has {mmio.Size.Value}");
        }

        if (spec.Ports is [var p] && p.First.Value + p.Count.Value > 0x10000)
        {
            return (null, p.Span, $"programmable device '{name}': the port range runs past port 0xffff");
        }

        if (spec.Mmio is [var m] && (m.Size.Value == 0 || m.Start.Value + m.Size.Value < m.Start.Value))
        {
            return (null, m.Span, $"programmable device '{name}': the MMIO range is empty or wraps around");
        }

        if (spec.Irq is { } irq && (irq.Value > 15 || ReservedIrqs.Contains((int)irq.Value)))
        {
            return (null, irq.Span, $"programmable device '{name}' cannot take IRQ {irq.Value} (lines 0-15 except 2, the cascade, and 4, COM1's)");
        }

        foreach (var register in spec.Registers.Where(r => r.Name.Value.Equals(LineRegister, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, register.Name.Span, $"programmable device '{name}': '{LineRegister}' is the name of its interrupt line in device state; call the register something else");
        }

        foreach (var register in spec.Registers.Where(r => r.Value.Value > ulong.MaxValue))
        {
            return (null, register.Span, $"programmable device '{name}': register {register.Name.Value} is {RegisterWidth * 8} bits wide");
        }

        var device = new ProgrammableDevice(
            name,
            Registers(spec),
            portBase: spec.Ports is [var pr] ? (ushort)pr.First.Value : null,
            mmioBase: spec.Mmio is [var mr] ? mr.Start.Value : null,
            irqLine: spec.Irq is null ? null : irqLine,
            irq: (int)(spec.Irq?.Value ?? 0),
            memory: memory,
            portCount: spec.Ports is [var pc] ? (int)pc.Count.Value : null,
            mmioLength: spec.Mmio is [var mc] ? mc.Size.Value : null);
        foreach (var register in spec.Registers)
        {
            device.SetRegister(register.Name.Value.ToLowerInvariant(), (ulong)register.Value.Value);
        }

        return (device, spec.Span, null);
    }
}
