using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class MachineDevicesTests
{
    [Test]
    public void Default_set_decodes_the_qemu_test_kernel_ports()
    {
        var bus = new IoBus();
        var devices = MachineDevices.CreateDefault(bus);
        bus.Out(0xE9, 1, 'k');
        bus.Out(0x3F8, 1, 's');
        Assert.That(devices.DebugCon.OutputText, Is.EqualTo("k"));
        Assert.That(devices.Uart.TransmittedText, Is.EqualTo("s"));
        Assert.That(bus.In(0x3FD, 1) & 0x60, Is.EqualTo(0x60u));
        bus.Out(0xF4, 1, 0);
        Assert.That(devices.ExitRequested, Is.True);
        Assert.That(devices.DebugExit.ExitCode, Is.EqualTo(1u));
        Assert.That(bus.Devices, Has.Count.EqualTo(4));
    }

    [Test]
    public void Uart_interrupts_reach_the_cpu_through_the_pic_as_irq4()
    {
        var bus = new IoBus();
        var devices = MachineDevices.CreateDefault(bus);
        foreach (var (port, value) in new (ushort, uint)[] { (0x20, 0x11), (0x21, 0x20), (0x21, 0x04), (0x21, 0x01), (0xA0, 0x11), (0xA1, 0x28), (0xA1, 0x02), (0xA1, 0x01) })
        {
            bus.Out(port, 1, value);
        }

        bus.Out(0x3FC, 1, 0x08);
        bus.Out(0x3F9, 1, 0x01);
        Assert.That(devices.Pic.HasPendingInterrupt, Is.False);
        devices.Uart.Receive("!"u8);
        Assert.That(devices.Pic.HasPendingInterrupt, Is.True);
        Assert.That(devices.Pic.Acknowledge(), Is.EqualTo((byte)0x24));
        Assert.That(bus.In(0x3F8, 1), Is.EqualTo((uint)'!'));
        bus.Out(0x20, 1, 0x20);
        Assert.That(devices.Pic.HasPendingInterrupt, Is.False);
    }

    [Test]
    public void Sinks_receive_console_and_serial_bytes()
    {
        var console = new List<byte>();
        var serial = new List<byte>();
        var bus = new IoBus();
        MachineDevices.CreateDefault(bus, console.Add, serial.Add);
        bus.Out(0xE9, 1, 1);
        bus.Out(0x3F8, 1, 2);
        Assert.That(console, Is.EqualTo(new byte[] { 1 }));
        Assert.That(serial, Is.EqualTo(new byte[] { 2 }));
    }

    [Test]
    public void Reset_returns_every_device_to_power_on()
    {
        var bus = new IoBus();
        var devices = MachineDevices.CreateDefault(bus);
        bus.Out(0xF4, 1, 3);
        bus.Out(0x3FF, 1, 0x77);
        devices.Reset();
        Assert.That(devices.ExitRequested, Is.False);
        Assert.That(bus.In(0x3FF, 1), Is.Zero);
        Assert.That(devices.Snapshot().Select(s => s.Device), Is.EqualTo(new[] { "pic", "debugcon", "debug-exit", "uart0" }));
    }
}
