using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Tests.Machine.Devices;

namespace KjTest.Runtime.Tests.Scenarios;

public class ProgrammableDeviceLayoutTests
{
    private const string Nic = """
        machine:
          devices:
            - name: nic0
              type: programmable
              ports: [{ first: 0x300, count: 0x20 }]
              mmio: [{ start: 0xfebf0000, size: 4KiB }]
              irq: 11
              registers: { ctrl: 0x1, dma_addr: 0x1122334455667788, id: 0x4b4a }
        """;

    [Test]
    public void Registers_are_eight_bytes_wide_at_eight_times_their_declaration_index()
    {
        var registers = ProgrammableDeviceLayout.Registers(Spec(Nic));

        Assert.That(registers.Select(r => (r.Name, r.Offset, r.Size, r.ResetValue)), Is.EqualTo(new[] { ("ctrl", 0, 8, 0UL), ("dma_addr", 8, 8, 0UL), ("id", 16, 8, 0UL) }));
    }

    [Test]
    public void A_guest_reads_a_register_as_two_dwords_through_ports_and_as_a_qword_through_mmio()
    {
        var device = Create(Nic, out _, out _);

        Assert.Multiple(() =>
        {
            Assert.That(device.In(0x308, 4), Is.EqualTo(0x55667788u));
            Assert.That(device.In(0x30C, 4), Is.EqualTo(0x11223344u));
            Assert.That(device.In(0x310, 2), Is.EqualTo(0x4b4au));
            Assert.That(device.Read(0xfebf0008, 8), Is.EqualTo(0x1122334455667788UL));
        });
    }

    [Test]
    public void The_whole_declared_window_is_decoded_and_reads_all_ones_past_the_registers()
    {
        var device = Create(Nic, out _, out _);
        device.Out(0x31C, 4, 0x1234);

        Assert.Multiple(() =>
        {
            Assert.That(device.Ports, Is.EqualTo(new[] { ((ushort)0x300, 0x20) }));
            Assert.That(device.MmioRanges, Is.EqualTo(new[] { (0xfebf0000UL, 0x1000UL) }));
            Assert.That(device.In(0x31C, 4), Is.EqualTo(0xFFFF_FFFFu));
            Assert.That(device.Read(0xfebf0ff8, 8), Is.EqualTo(ulong.MaxValue));
        });
    }

    [Test]
    public void Declared_values_are_the_start_state_and_lost_state_is_zero()
    {
        var device = Create(Nic, out _, out _);
        var start = device.GetRegister("ctrl");
        device.LoseState();

        Assert.That((start, device.GetRegister("ctrl"), device.GetRegister("dma_addr")), Is.EqualTo((1UL, 0UL, 0UL)));
    }

    [Test]
    public void Losing_some_registers_keeps_the_others_and_the_irq_line()
    {
        var device = Create(Nic, out var line, out _);
        device.RaiseIrq();
        device.LoseState(["dma_addr"]);

        Assert.Multiple(() =>
        {
            Assert.That(device.GetRegister("dma_addr"), Is.Zero);
            Assert.That(device.GetRegister("ctrl"), Is.EqualTo(1UL));
            Assert.That(line.Levels[11], Is.True);
        });
    }

    [Test]
    public void The_irq_goes_to_the_declared_line_and_dma_to_guest_memory()
    {
        var device = Create(Nic, out var line, out var memory);
        device.RaiseIrq();
        device.DmaWrite(0x10, [0xde, 0xad]);

        Assert.Multiple(() =>
        {
            Assert.That(line.Changes, Is.EqualTo(new[] { (11, true) }));
            Assert.That(memory.Bytes[0x10..0x12], Is.EqualTo(new byte[] { 0xde, 0xad }));
            Assert.That(device.Snapshot().Registers.Select(r => r.Key), Is.EqualTo(new[] { "ctrl", "dma_addr", "id", "irq" }));
        });
    }

    [TestCase("      registers: { ctrl: 1 }\n", "needs a port range, an MMIO range or both")]
    [TestCase("      ports: [{ first: 0x300, count: 8 }, { first: 0x310, count: 8 }]\n      registers: { ctrl: 1 }\n", "one port range and one MMIO range")]
    [TestCase("      ports: [{ first: 0x300, count: 8 }]\n      registers: { ctrl: 1, status: 2 }\n", "need 16 ports, the range has 8")]
    [TestCase("      mmio: [{ start: 0xfebf0000, size: 4 }]\n      registers: { ctrl: 1 }\n", "need 8 bytes of MMIO, the range has 4")]
    [TestCase("      ports: [{ first: 0x300, count: 8 }]\n      irq: 2\n      registers: { ctrl: 1 }\n", "cannot take IRQ 2")]
    [TestCase("      ports: [{ first: 0x300, count: 8 }]\n      irq: 4\n      registers: { ctrl: 1 }\n", "cannot take IRQ 4")]
    [TestCase("      ports: [{ first: 0x300, count: 8 }]\n      registers: { irq: 1 }\n", "'irq' is the name of its interrupt line")]
    public void A_declaration_outside_the_convention_is_an_error_naming_why(string body, string message)
    {
        var (device, _, error) = ProgrammableDeviceLayout.Create(Spec("machine:\n  devices:\n    - name: nic0\n      type: programmable\n" + body), new RecordingIrqLine(), new ArrayPhysicalMemory(0x100));

        Assert.That(device, Is.Null);
        Assert.That(error, Does.Contain(message));
    }

    private static KjTest.Runtime.Machine.Devices.ProgrammableDevice Create(string yaml, out RecordingIrqLine line, out ArrayPhysicalMemory memory)
    {
        line = new RecordingIrqLine();
        memory = new ArrayPhysicalMemory(0x100);
        var (device, _, error) = ProgrammableDeviceLayout.Create(Spec(yaml), line, memory);
        Assert.That(error, Is.Null);
        return device!;
    }

    private static DeviceSpec Spec(string yaml)
    {
        var reader = new ScenarioReader([new YamlFrontEnd()]);
        var parsed = new ScenarioChecker().Check(reader.Read("test.yaml", Encoding.UTF8.GetBytes("name: t\n" + yaml)));
        Assert.That(parsed.Scenario, Is.Not.Null, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));
        return parsed.Scenario!.Machine.Devices[0];
    }
}
