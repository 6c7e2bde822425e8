using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class DataMovementTests
{
    [Test]
    public void Mov_immediate_to_register_and_memory_round_trips()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x1122_3344_5566_7788UL);
            a.mov(__qword_ptr[0x2000], rax);
            a.mov(rbx, __qword_ptr[0x2000]);
            a.mov(ecx, 0xFFFF_FFFFu);
            a.mov(cl, 0x12);
            a.mov(ah, 0x99);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x1122_3344_5566_7788UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xFFFF_FF12UL));
        Assert.That(m.Reg(Register.RAX), Is.EqualTo(0x1122_3344_5566_9988UL));
        Assert.That(m.Memory.ReadUInt64(0x2000), Is.EqualTo(0x1122_3344_5566_7788UL));
    }

    [Test]
    public void Writing_a_32_bit_register_zeroes_the_upper_half()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, ulong.MaxValue);
            a.mov(eax, 5);
            a.mov(rbx, ulong.MaxValue);
            a.mov(bx, 5);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(5UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0xFFFF_FFFF_FFFF_0005UL));
    }

    [Test]
    public void Movzx_movsx_and_movsxd_extend()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x80);
            a.movzx(ebx, al);
            a.movsx(rcx, al);
            a.mov(edx, 0x8000_0000u);
            a.movsxd(rsi, edx);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x80UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xFFFF_FFFF_FFFF_FF80UL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
    }

    [Test]
    public void Lea_computes_base_index_scale_displacement_and_rip_relative()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var label = a.CreateLabel();
            a.mov(rbx, 0x1000);
            a.mov(rcx, 3);
            a.lea(rax, __[rbx + rcx * 8 + 0x10]);
            a.lea(rdx, __[label]);
            a.hlt();
            a.Label(ref label);
            a.nop();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(0x1028UL));
        Assert.That(m.Reg(Register.RDX), Is.GreaterThan(GuestHarness.CodeAddress));
    }

    [Test]
    public void Push_and_pop_move_rsp_and_data()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x1234);
            a.mov(r8, rsp);
            a.push(rax);
            a.push(0x7F);
            a.pop(rbx);
            a.pop(rcx);
            a.sub(r8, rsp);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x7FUL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0x1234UL));
        Assert.That(m.Reg(Register.R8), Is.EqualTo(0UL));
    }

    [Test]
    public void Xchg_cmpxchg_and_xadd_exchange_values()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(__qword_ptr[0x3000], 10);
            a.mov(rax, 10);
            a.mov(rbx, 20);
            a.cmpxchg(__qword_ptr[0x3000], rbx);
            a.setz(r8b);
            a.mov(rax, 99);
            a.cmpxchg(__qword_ptr[0x3000], rbx);
            a.setz(r9b);
            a.mov(rcx, 5);
            a.xadd(__qword_ptr[0x3000], rcx);
            a.mov(rdx, 1);
            a.mov(rsi, 2);
            a.xchg(rdx, rsi);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.R8L), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.R9L), Is.EqualTo(0UL));
        Assert.That(m.Rax(), Is.EqualTo(20UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(20UL));
        Assert.That(m.Memory.ReadUInt64(0x3000), Is.EqualTo(25UL));
        Assert.That(m.Reg(Register.RDX), Is.EqualTo(2UL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(1UL));
    }

    [Test]
    public void Cmpxchg16b_swaps_when_equal()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(__qword_ptr[0x3000], 1);
            a.mov(__qword_ptr[0x3008], 2);
            a.mov(rax, 1);
            a.mov(rdx, 2);
            a.mov(rbx, 3);
            a.mov(rcx, 4);
            a.cmpxchg16b(__xmmword_ptr[0x3000]);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x3000), Is.EqualTo(3UL));
        Assert.That(m.Memory.ReadUInt64(0x3008), Is.EqualTo(4UL));
        Assert.That(m.Cpu.Rflags & Cr.FlagZf, Is.Not.Zero);
    }

    [Test]
    public void Bswap_movbe_cbw_family_and_lahf_work()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x1122_3344u);
            a.bswap(eax);
            a.mov(ebx, eax);
            a.mov(__dword_ptr[0x3000], 0x1122_3344);
            a.movbe(ecx, __dword_ptr[0x3000]);
            a.mov(eax, 0xFF);
            a.cbw();
            a.cwde();
            a.cdqe();
            a.cqo();
            a.mov(r8, rax);
            a.mov(r9, rdx);
            a.stc();
            a.lahf();
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.EBX), Is.EqualTo(0x4433_2211UL));
        Assert.That(m.Reg(Register.ECX), Is.EqualTo(0x4433_2211UL));
        Assert.That(m.Reg(Register.R8), Is.EqualTo(ulong.MaxValue));
        Assert.That(m.Reg(Register.R9), Is.EqualTo(ulong.MaxValue));
        Assert.That(m.Reg(Register.AH) & 1, Is.EqualTo(1UL));
    }

    [Test]
    public void Enter_and_leave_build_and_drop_a_frame()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rbp, 0x1234);
            a.mov(r8, rsp);
            a.enter(32, 0);
            a.mov(r9, rsp);
            a.leave();
            a.mov(r10, rsp);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        var start = m.Reg(Register.R8);
        Assert.That(m.Reg(Register.R9), Is.EqualTo(start - 8 - 32));
        Assert.That(m.Reg(Register.R10), Is.EqualTo(start));
        Assert.That(m.Reg(Register.RBP), Is.EqualTo(0x1234UL));
    }
}
