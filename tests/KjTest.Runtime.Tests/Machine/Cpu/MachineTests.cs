using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class MachineTests
{
    [Test]
    public void Accesses_to_an_mmio_window_reach_the_device_not_ram()
    {
        var device = new FakeMmioDevice();
        var machine = new MachineBuilder().WithMemory(64UL << 20).WithDevice(device).Build();
        MachineSetup.LongMode(machine, GuestHarness.CodeAddress);
        GuestHarness.Load(machine, 64, a =>
        {
            a.mov(rbx, FakeMmioDevice.Base);
            a.mov(__dword_ptr[rbx + 0x10], 0x1234);
            a.mov(eax, __dword_ptr[rbx + 0x20]);
            a.mov(ecx, __dword_ptr[rbx + 0x20]);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(device.Writes, Is.EqualTo(new[] { (FakeMmioDevice.Base + 0x10, 4, 0x1234UL) }));
        Assert.That(machine.Rax(), Is.EqualTo(0xA5A5_0020UL));
        Assert.That(machine.Reg(Register.RCX), Is.EqualTo(0xA5A5_0020UL), "MMIO reads are never cached");
    }

    [Test]
    public void Cancellation_stops_a_run_between_chunks()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            var top = a.CreateLabel();
            a.Label(ref top);
            a.jmp(top);
        });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var outcome = machine.Run(new ExecutionLimits(ulong.MaxValue, Cancellation: cancel.Token));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Cancelled));
        Assert.That(outcome.Instructions, Is.GreaterThan(0UL));
    }

    [Test]
    public void Wall_clock_deadline_stops_an_endless_loop()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            var top = a.CreateLabel();
            a.Label(ref top);
            a.jmp(top);
        });
        var outcome = machine.Run(new ExecutionLimits(ulong.MaxValue, WallClock: TimeSpan.FromMilliseconds(50)));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Deadline));
    }

    [Test]
    public void Snapshot_of_guest_memory_sees_what_the_cpu_wrote()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            a.mov(__qword_ptr[0x4000], 1);
            a.hlt();
            a.mov(__qword_ptr[0x4000], 2);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        var first = machine.Memory.Snapshot();
        machine.Cpu.Halted = false;
        GuestHarness.RunToHalt(machine);
        var second = machine.Memory.Snapshot();
        var diff = KjTest.Runtime.Machine.Memory.MemorySnapshot.Diff(first, second);
        Assert.That(diff.Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x4000UL }));
        Assert.That(diff.Pages[0].Ranges, Is.EqualTo(new[] { (0, 1) }));
    }

    [Test]
    public void Rep_stos_into_mmio_writes_each_element_once_and_reads_nothing()
    {
        var device = new FakeMmioDevice();
        var machine = new MachineBuilder().WithMemory(64UL << 20).WithDevice(device).Build();
        MachineSetup.LongMode(machine, GuestHarness.CodeAddress);
        GuestHarness.Load(machine, 64, a =>
        {
            a.mov(rdi, FakeMmioDevice.Base);
            a.mov(eax, 0x55);
            a.mov(ecx, 4);
            a.rep.stosd();
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(device.Writes.Select(w => w.Address), Is.EqualTo(new[] { FakeMmioDevice.Base, FakeMmioDevice.Base + 4, FakeMmioDevice.Base + 8, FakeMmioDevice.Base + 12 }));
        Assert.That(device.Writes.Select(w => w.Value), Is.All.EqualTo(0x55UL));
    }
}
