using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class InterruptTests
{
    private const ulong Handler = 0x10_8000;

    [Test]
    public void External_interrupt_waits_for_sti_and_its_shadow()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(ebx, 1);
            a.sti();
            a.mov(ebx, 2);
            a.mov(ebx, 3);
            a.hlt();
        });
        var pic = new FakeInterruptController { Pending = 0x30 };
        m.Cpu.InterruptController = pic;
        GuestHarness.SetGate64(m, 0x30, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(ecx, ebx);
            a.hlt();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(2UL), "the instruction after STI runs before the interrupt");
        Assert.That(pic.Acknowledged, Is.EqualTo(1));
    }

    [Test]
    public void Hlt_wakes_for_a_pending_interrupt_and_returns_after_hlt()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.sti();
            a.hlt();
            a.mov(ebx, 9);
            a.cli();
            a.hlt();
        });
        var pic = new FakeInterruptController();
        m.Cpu.InterruptController = pic;
        GuestHarness.SetGate64(m, 0x31, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(ecx, 5);
            a.iretq();
        }, Handler);
        var first = m.Run(new ExecutionLimits(100));
        Assert.That(first.Reason, Is.EqualTo(StopReason.Halted));
        pic.Pending = 0x31;
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(5UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(9UL));
    }

    [Test]
    public void Nmi_is_taken_even_with_interrupts_disabled()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var top = a.CreateLabel();
            a.cli();
            a.Label(ref top);
            a.jmp(top);
        });
        GuestHarness.SetGate64(m, 2, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(ecx, 2);
            a.hlt();
        }, Handler);
        m.Run(new ExecutionLimits(10));
        m.Cpu.InjectNmi();
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(2UL));
    }

    [Test]
    public void Sentinel_stops_before_the_instruction_and_resumes_past_it()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 1);
            a.mov(eax, 2);
            a.mov(eax, 3);
            a.hlt();
        });
        m.Cpu.AddSentinel(GuestHarness.CodeAddress + 5);
        var outcome = m.Run(new ExecutionLimits(100));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Sentinel));
        Assert.That(outcome.Rip, Is.EqualTo(GuestHarness.CodeAddress + 5));
        Assert.That(m.Rax(), Is.EqualTo(1UL));
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(3UL));
    }

    [Test]
    public void Int_0x80_hook_serves_i386_system_calls()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, 1);
            a.mov(ebx, 3);
            a.@int(0x80);
            a.hlt();
        });
        m.Cpu.InterruptHook = (cpu, vector) =>
        {
            if (vector != 0x80)
            {
                return false;
            }

            cpu.RequestStop((int)cpu.GetGpr(3));
            return true;
        };
        var outcome = m.Run(new ExecutionLimits(100));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.GuestExit));
        Assert.That(outcome.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void Trace_writes_one_line_per_instruction_with_changed_registers()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x42);
            a.hlt();
        });
        var trace = new StringWriter();
        m.Cpu.Trace = trace;
        GuestHarness.RunToHalt(m);
        var lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("100000: B842000000 mov eax,42h").And.Contain("rax=42"));
        Assert.That(lines, Has.Length.EqualTo(2));
    }
}
