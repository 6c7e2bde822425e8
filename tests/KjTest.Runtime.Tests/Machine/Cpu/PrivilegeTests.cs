using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class PrivilegeTests
{
    private const ulong UserCode = 0x10_4000;
    private const ulong Handler = 0x10_8000;

    /// <summary>Enters CPL 3 at <see cref="UserCode"/> with a user stack, via IRETQ.</summary>
    private static void EnterUser(Assembler a)
    {
        a.mov(rax, 0x23);
        a.push(rax);
        a.mov(rax, 0x50_0000);
        a.push(rax);
        a.push(0x2);
        a.mov(rax, 0x2B);
        a.push(rax);
        a.mov(rax, UserCode);
        a.push(rax);
        a.iretq();
    }

    private static KjTest.Runtime.Machine.X86Machine UserMachine(Action<Assembler> user)
    {
        var m = GuestHarness.LongMode(EnterUser);
        GuestHarness.Load(m, 64, user, UserCode);
        m.Memory.WriteUInt64(m.Cpu.Tr.Base + 4, 0x70_0000);
        return m;
    }

    [Test]
    public void Iretq_enters_user_mode()
    {
        var m = UserMachine(a =>
        {
            var top = a.CreateLabel();
            a.mov(ebx, 7);
            a.Label(ref top);
            a.jmp(top);
        });
        m.Run(new ExecutionLimits(50));
        Assert.That(m.Cpu.Cpl, Is.EqualTo(3));
        Assert.That(m.Cpu.GetSegment(SegmentRegister.Cs).Selector, Is.EqualTo(0x2B));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(7UL));
    }

    [Test]
    public void Privileged_instruction_in_user_mode_faults_onto_the_rsp0_stack()
    {
        var m = UserMachine(a =>
        {
            a.cli();
        });
        GuestHarness.SetGate64(m, 13, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(rbx, __qword_ptr[rsp]);
            a.mov(rcx, __qword_ptr[rsp + 8]);
            a.mov(rdx, __qword_ptr[rsp + 16]);
            a.mov(rsi, __qword_ptr[rsp + 32]);
            a.mov(rdi, __qword_ptr[rsp + 40]);
            a.hlt();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Cpu.Cpl, Is.Zero);
        Assert.That(m.Reg(Register.RBX), Is.Zero, "error code");
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(UserCode));
        Assert.That(m.Reg(Register.RDX), Is.EqualTo(0x2BUL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x50_0000UL));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x23UL));
        Assert.That(m.Cpu.GetGpr(4), Is.EqualTo(0x70_0000UL - 48));
    }

    [Test]
    public void Syscall_and_sysret_switch_privilege()
    {
        var m = UserMachine(a =>
        {
            a.mov(eax, 60);
            a.syscall();
            a.mov(r9, 0x99);
            a.hlt();
        });
        m.Cpu.Lstar = Handler;
        m.Cpu.Fmask = 0x200;
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(r8, rax);
            a.mov(r10, cs);
            a.sysretq();
        }, Handler);
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(m.Reg(Register.R8), Is.EqualTo(60UL));
        Assert.That(m.Reg(Register.R10), Is.EqualTo(0x08UL));
        Assert.That(m.Reg(Register.R9), Is.EqualTo(0x99UL), outcome.ToString());
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13), "hlt at CPL 3");
    }

    [Test]
    public void Syscall_hook_handles_the_call_instead_of_the_architecture()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 60);
            a.mov(edi, 42);
            a.syscall();
            a.hlt();
        });
        m.Cpu.SyscallHook = cpu =>
        {
            cpu.RequestStop((int)cpu.GetGpr(7));
            return true;
        };
        var outcome = m.Run(new ExecutionLimits(100));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.GuestExit));
        Assert.That(outcome.ExitCode, Is.EqualTo(42));
    }

    [Test]
    public void User_access_to_a_supervisor_page_is_a_protection_page_fault()
    {
        var m = UserMachine(a =>
        {
            a.mov(rax, __qword_ptr[0x3000]);
        });
        // Make the first GiB supervisor-only except... by clearing U on the 1 GiB leaf (code there too faults on fetch).
        var pdpt = m.Cpu.Cr3 + 0x1000;
        m.Memory.WriteUInt64(pdpt, m.Memory.ReadUInt64(pdpt) & ~4UL);
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0x15u), "present, user, instruction fetch");
    }

    [Test]
    public void Int_from_user_mode_needs_a_dpl_3_gate()
    {
        var m = UserMachine(a =>
        {
            a.@int(0x41);
            a.@int(0x40);
        });
        GuestHarness.SetGate64(m, 0x40, Handler + 0x100, dpl: 0);
        GuestHarness.SetGate64(m, 0x41, Handler, dpl: 3);
        GuestHarness.SetGate64(m, 13, Handler + 0x200);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(r8, 0x41);
            a.iretq();
        }, Handler);
        GuestHarness.Load(m, 64, a =>
        {
            a.mov(r9, __qword_ptr[rsp]);
            a.hlt();
        }, Handler + 0x200);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.R8), Is.EqualTo(0x41UL));
        Assert.That(m.Reg(Register.R9), Is.EqualTo((0x40UL * 8) + 2), "#GP error code names the IDT entry");
    }

    [Test]
    public void Protected_mode_interrupt_from_ring_3_switches_to_the_tss_stack()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.push(0x23);
            a.push(0x50_0000);
            a.push(0x2);
            a.push(0x1B);
            a.push((int)UserCode);
            a.iretd();
        });
        GuestHarness.Load(m, 32, a => a.@int(0x80), UserCode);
        GuestHarness.SetGate32(m, 0x80, (uint)Handler, dpl: 3);
        m.Memory.WriteUInt32(m.Cpu.Tr.Base + 4, 0x70_0000);
        GuestHarness.Load(m, 32, a =>
        {
            a.mov(ebx, __dword_ptr[esp + 12]);
            a.mov(ecx, __dword_ptr[esp + 16]);
            a.mov(edx, ss);
            a.hlt();
        }, Handler);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.EBX), Is.EqualTo(0x50_0000UL), "old ESP");
        Assert.That(m.Reg(Register.ECX), Is.EqualTo(0x23UL), "old SS");
        Assert.That(m.Reg(Register.EDX), Is.EqualTo(0x10UL));
        Assert.That(m.Cpu.GetGpr(4), Is.EqualTo(0x70_0000UL - 20));
    }
}
