using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class ExceptionTests
{
    private const ulong Handler = 0x10_8000;

    [Test]
    public void Ud2_without_an_idt_ends_in_a_triple_fault_with_the_chain()
    {
        var m = GuestHarness.LongMode(a => a.ud2());
        var outcome = m.Run(new ExecutionLimits(100));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.TripleFault));
        Assert.That(outcome.Faults.Select(f => f.Vector), Is.EqualTo(new[] { 6, 13, 13, 8, 13 }), "#UD, #GP delivering it, #GP delivering that, #DF, #GP delivering #DF");
        Assert.That(outcome.Faults[0].Detail, Does.Contain("ud2").And.Contain("0F0B"));
    }

    [Test]
    public void Undefined_opcode_is_delivered_through_the_idt_with_the_faulting_rip()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.nop();
            a.ud2();
        });
        GuestHarness.SetGate64(m, 6, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(rax, __qword_ptr[rsp]);
            a.mov(rbx, __qword_ptr[rsp + 8]);
            a.hlt();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(GuestHarness.CodeAddress + 1));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x08UL));
    }

    [Test]
    public void Page_fault_pushes_an_error_code_and_sets_cr2()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x0000_7000_0000_0000UL);
            a.mov(__qword_ptr[rax], rbx);
            a.hlt();
        });
        GuestHarness.SetGate64(m, 14, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(rbx, __qword_ptr[rsp]);
            a.mov(rcx, cr2);
            a.hlt();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(2UL), "not present, write, supervisor");
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0x0000_7000_0000_0000UL));
    }

    [Test]
    public void Iretq_returns_from_a_software_interrupt()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 1);
            a.@int(0x40);
            a.add(eax, 100);
            a.hlt();
        });
        GuestHarness.SetGate64(m, 0x40, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.add(eax, 10);
            a.iretq();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(111UL));
    }

    [Test]
    public void Unknown_msr_raises_general_protection()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(ecx, 0x1234_5678);
            a.rdmsr();
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Exception));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0u));
    }

    [Test]
    public void Paging_without_protection_enable_is_rejected()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, cr0);
            a.and(eax, ~1);
            a.mov(cr0, rax);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
    }

    [Test]
    public void Reserved_cr4_bits_are_rejected()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, cr4);
            a.bts(rax, 30);
            a.mov(cr4, rax);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
    }

    [Test]
    public void Double_fault_is_delivered_when_the_page_fault_handler_is_missing_its_stack()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsp, 0x0000_7000_0000_0000UL);
            a.push(rax);
        });
        GuestHarness.SetGate64(m, 14, Handler);
        GuestHarness.SetGate64(m, 8, Handler + 0x100, ist: 1);
        m.Memory.WriteUInt64(0x3F_0000 + 0x24, 0x9000);
        m.Cpu.Tr = m.Cpu.Tr with { Base = 0x3F_0000 };
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(ebx, 8);
            a.hlt();
        }, Handler + 0x100);
        var outcome = GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(8UL), outcome.ToString());
        Assert.That(m.Cpu.GetGpr(4), Is.EqualTo(0x9000UL - 48));
    }

    [Test]
    public void Protected_mode_interrupt_uses_a_32_bit_gate()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, 1);
            a.@int(0x21);
            a.add(eax, 100);
            a.hlt();
        });
        GuestHarness.SetGate32(m, 0x21, (uint)Handler);
        GuestHarness.Load(m, 32, a =>
        {
            a.add(eax, 10);
            a.mov(ebx, __dword_ptr[esp + 4]);
            a.iretd();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(111UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x08UL));
    }

    [Test]
    public void Stop_on_exception_reports_vector_error_code_and_rip()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.nop();
            a.mov(ax, 0x7777);
            a.mov(ds, ax);
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0x7774u));
        Assert.That(outcome.Rip, Is.EqualTo(GuestHarness.CodeAddress + 5));
    }
}
