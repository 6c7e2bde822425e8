using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class ControlFlowTests
{
    [Test]
    public void Call_and_ret_return_past_the_call()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var function = a.CreateLabel();
            a.mov(eax, 1);
            a.call(function);
            a.add(eax, 100);
            a.hlt();
            a.Label(ref function);
            a.add(eax, 10);
            a.ret();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(111UL));
    }

    [Test]
    public void Call_through_a_stack_slot_reads_the_target_before_pushing_the_return_address()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var function = a.CreateLabel();
            var other = a.CreateLabel();
            a.lea(rax, __[function]);
            a.push(rax);
            a.lea(rax, __[other]);
            a.push(rax);
            a.xor(ebx, ebx);
            a.call(__qword_ptr[rsp + 8]);
            a.hlt();
            a.Label(ref function);
            a.mov(ebx, 1);
            a.ret();
            a.Label(ref other);
            a.mov(ebx, 2);
            a.ret();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(1UL), "the target is the slot at rsp+8 before the push");
    }

    [Test]
    public void Jmp_through_a_table_and_call_through_a_register_reach_their_targets()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var first = a.CreateLabel();
            var second = a.CreateLabel();
            var function = a.CreateLabel();
            var done = a.CreateLabel();
            a.sub(rsp, 16);
            a.lea(rax, __[first]);
            a.mov(__qword_ptr[rsp], rax);
            a.lea(rax, __[second]);
            a.mov(__qword_ptr[rsp + 8], rax);
            a.mov(ecx, 1);
            a.jmp(__qword_ptr[rsp + rcx * 8]);
            a.Label(ref first);
            a.mov(esi, 10);
            a.jmp(done);
            a.Label(ref second);
            a.mov(esi, 20);
            a.Label(ref done);
            a.lea(rax, __[function]);
            a.call(rax);
            a.hlt();
            a.Label(ref function);
            a.add(esi, 5);
            a.ret();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(25UL));
    }

    [Test]
    public void Ret_imm16_releases_arguments()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var function = a.CreateLabel();
            a.mov(r8, rsp);
            a.push(1);
            a.push(2);
            a.call(function);
            a.sub(r8, rsp);
            a.hlt();
            a.Label(ref function);
            a.ret(16);
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.R8), Is.Zero);
    }

    [Test]
    public void Loop_counts_down_rcx()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var top = a.CreateLabel();
            a.mov(ecx, 10);
            a.xor(eax, eax);
            a.Label(ref top);
            a.add(eax, 2);
            a.loop(top);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(20UL));
        Assert.That(m.Reg(Register.RCX), Is.Zero);
    }

    [Test]
    public void Conditional_jumps_follow_signed_and_unsigned_comparisons()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var notLess = a.CreateLabel();
            var notBelow = a.CreateLabel();
            a.xor(ebx, ebx);
            a.mov(eax, -1);
            a.cmp(eax, 1);
            a.jge(notLess);
            a.or(ebx, 1);
            a.Label(ref notLess);
            a.cmp(eax, 1);
            a.jb(notBelow);
            a.or(ebx, 2);
            a.Label(ref notBelow);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(3UL));
    }

    [Test]
    public void Indirect_jump_and_call_through_register_and_memory()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var target = a.CreateLabel();
            var function = a.CreateLabel();
            a.lea(rax, __[target]);
            a.jmp(rax);
            a.hlt();
            a.Label(ref target);
            a.lea(rbx, __[function]);
            a.mov(__qword_ptr[0x3000], rbx);
            a.call(__qword_ptr[0x3000]);
            a.hlt();
            a.Label(ref function);
            a.mov(ecx, 42);
            a.ret();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(42UL));
    }

    [Test]
    public void Instruction_budget_stops_an_endless_loop_with_its_rip()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var top = a.CreateLabel();
            a.Label(ref top);
            a.jmp(top);
        });
        var outcome = m.Run(new KjTest.Runtime.Machine.Cpu.ExecutionLimits(10_000));
        Assert.That(outcome.Reason, Is.EqualTo(KjTest.Runtime.Machine.Cpu.StopReason.InstructionLimit));
        Assert.That(outcome.Instructions, Is.EqualTo(10_000UL));
        Assert.That(outcome.Rip, Is.EqualTo(GuestHarness.CodeAddress));
    }
}
