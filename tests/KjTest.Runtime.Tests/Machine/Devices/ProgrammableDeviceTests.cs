using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class ProgrammableDeviceTests
{
    private static readonly ProgrammableRegister[] Registers =
    [
        new("status", 0, 1, ResetValue: 0x80, ReadOnly: true),
        new("control", 1, 1),
        new("count", 2, 2),
        new("address", 4, 4),
        new("doorbell", 8, 8),
    ];

    [Test]
    public void Guest_port_writes_and_reads_go_through_the_register_file()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        dev.Out(0x304, 4, 0xDEAD_BEEF);
        dev.Out(0x302, 2, 0x1234);
        Assert.That(dev.GetRegister("address"), Is.EqualTo(0xDEAD_BEEFul));
        Assert.That(dev.In(0x302, 2), Is.EqualTo(0x1234u));
        Assert.That(dev.In(0x300, 1), Is.EqualTo(0x80u));
    }

    [Test]
    public void A_byte_access_inside_a_wide_register_touches_only_that_byte()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        dev.SetRegister("address", 0x1122_3344);
        dev.Out(0x305, 1, 0xAA);
        Assert.That(dev.GetRegister("address"), Is.EqualTo(0x1122_AA44ul));
        Assert.That(dev.In(0x306, 1), Is.EqualTo(0x22u));
    }

    [Test]
    public void Guest_writes_to_read_only_registers_are_ignored_but_the_host_may_set_them()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        dev.Out(0x300, 1, 0x01);
        Assert.That(dev.GetRegister("status"), Is.EqualTo(0x80ul));
        dev.SetRegister("status", 0x1FF);
        Assert.That(dev.GetRegister("status"), Is.EqualTo(0xFFul), "truncated to the register width");
    }

    [Test]
    public void Mmio_accesses_reach_eight_byte_registers()
    {
        var dev = new ProgrammableDevice("nic", Registers, mmioBase: 0xFEB0_0000);
        var bus = new IoBus();
        bus.Attach((IMmioDevice)dev);
        Assert.That(bus.TryWrite(0xFEB0_0008, 8, 0x0102_0304_0506_0708), Is.True);
        Assert.That(bus.TryRead(0xFEB0_0008, 8, out var value), Is.True);
        Assert.That(value, Is.EqualTo(0x0102_0304_0506_0708ul));
        Assert.That(dev.Accesses[0], Is.EqualTo(new DeviceAccess("doorbell", true, 0x0102_0304_0506_0708, true)));
    }

    [Test]
    public void Undecoded_bytes_in_the_window_read_as_ones()
    {
        var regs = new[] { new ProgrammableRegister("a", 0, 1), new ProgrammableRegister("b", 3, 1) };
        var dev = new ProgrammableDevice("gap", regs, portBase: 0x100);
        Assert.That(dev.In(0x101, 2), Is.EqualTo(0xFFFFu));
        Assert.That(dev.WindowLength, Is.EqualTo(4));
    }

    [Test]
    public void Access_log_records_reads_and_writes_in_order()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        dev.Out(0x301, 1, 0x05);
        dev.In(0x300, 1);
        Assert.That(dev.Accesses, Is.EqualTo(new[]
        {
            new DeviceAccess("control", true, 5, false),
            new DeviceAccess("status", false, 0x80, false),
        }));
    }

    [Test]
    public void Dma_writes_guest_memory_and_reads_it_back()
    {
        var memory = new ArrayPhysicalMemory(0x1000);
        var dev = new ProgrammableDevice("dma", Registers, portBase: 0x300, memory: memory);
        dev.DmaWrite(0x100, [1, 2, 3, 4]);
        Assert.That(memory.Bytes[0x100..0x104], Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        var back = new byte[4];
        dev.DmaRead(0x100, back);
        Assert.That(back, Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        Assert.That(dev.DmaBytesWritten, Is.EqualTo(4ul));
    }

    [Test]
    public void Dma_without_memory_is_a_programming_error()
    {
        var dev = new ProgrammableDevice("nodma", Registers, portBase: 0x300);
        Assert.Throws<InvalidOperationException>(() => dev.DmaWrite(0, [1]));
    }

    [Test]
    public void Irq_is_held_until_lowered_and_reaches_the_pic()
    {
        var pic = new Pic8259Pair();
        pic.Out(0x20, 1, 0x11);
        pic.Out(0x21, 1, 0x20);
        pic.Out(0x21, 1, 0x04);
        pic.Out(0x21, 1, 0x01);
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300, irqLine: pic, irq: 5);
        dev.RaiseIrq();
        Assert.That(dev.IrqAsserted, Is.True);
        Assert.That(pic.Acknowledge(), Is.EqualTo((byte)0x25));
        dev.LowerIrq();
        Assert.That(dev.IrqAsserted, Is.False);
    }

    [Test]
    public void Losing_state_restores_reset_values_drops_the_irq_and_keeps_the_log()
    {
        var line = new RecordingIrqLine();
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300, irqLine: line, irq: 11);
        dev.Out(0x301, 1, 0x42);
        dev.RaiseIrq();
        dev.LoseState();
        Assert.That(dev.GetRegister("control"), Is.Zero);
        Assert.That(dev.GetRegister("status"), Is.EqualTo(0x80ul));
        Assert.That(line.Levels[11], Is.False);
        Assert.That(dev.Accesses, Has.Count.EqualTo(1));
        dev.Reset();
        Assert.That(dev.Accesses, Is.Empty);
    }

    [Test]
    public void Snapshot_lists_registers_in_declaration_order()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        dev.SetRegister("count", 7);
        var snap = dev.Snapshot();
        Assert.That(snap.Registers.Select(kv => kv.Key), Is.EqualTo(new[] { "status", "control", "count", "address", "doorbell", "irq" }));
        Assert.That(snap.Registers[2].Value, Is.EqualTo(7ul));
    }

    [Test]
    public void Overlapping_registers_are_rejected()
    {
        var regs = new[] { new ProgrammableRegister("a", 0, 4), new ProgrammableRegister("b", 2, 2) };
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", regs, portBase: 0x100));
    }

    [Test]
    public void Duplicate_names_bad_sizes_and_missing_windows_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", [new("a", 0, 1), new("a", 1, 1)], portBase: 0x100));
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", [new("a", 0, 3)], portBase: 0x100));
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", [new("a", 0, 1)]));
    }

    [Test]
    public void Unknown_register_names_are_reported()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300);
        Assert.Throws<KeyNotFoundException>(() => dev.GetRegister("nope"));
    }

    [Test]
    public void Windows_may_decode_more_than_the_register_file_but_not_less()
    {
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300, mmioBase: 0xF000_0000, portCount: 0x40, mmioLength: 0x1000);

        Assert.That(dev.Ports, Is.EqualTo(new[] { ((ushort)0x300, 0x40) }));
        Assert.That(dev.MmioRanges, Is.EqualTo(new[] { (0xF000_0000ul, 0x1000ul) }));
        Assert.That(dev.In(0x330, 1), Is.EqualTo(0xFFu));
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", Registers, portBase: 0x300, portCount: 8));
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", Registers, mmioBase: 0xF000_0000, mmioLength: 8));
        Assert.Throws<ArgumentException>(() => _ = new ProgrammableDevice("bad", Registers, portBase: 0xFFF0, portCount: 0x20));
    }

    [Test]
    public void Losing_named_registers_resets_only_those_and_keeps_the_irq_line()
    {
        var line = new RecordingIrqLine();
        var dev = new ProgrammableDevice("nic", Registers, portBase: 0x300, irqLine: line, irq: 5);
        dev.SetRegister("control", 3);
        dev.SetRegister("count", 9);
        dev.RaiseIrq();
        dev.LoseState(["count"]);

        Assert.That((dev.GetRegister("control"), dev.GetRegister("count"), dev.IrqAsserted), Is.EqualTo((3ul, 0ul, true)));
        Assert.Throws<KeyNotFoundException>(() => dev.LoseState(["nope"]));
    }
}
