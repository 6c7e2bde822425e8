using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class ShiftAndBitTests
{
    [Test]
    public void Shifts_produce_results_and_last_bit_out_in_carry()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x8000_0001u);
            a.shl(eax, 1);
            a.setc(r8b);
            a.mov(ebx, 0x8000_0001u);
            a.shr(ebx, 1);
            a.setc(r9b);
            a.mov(ecx, 0x8000_0000u);
            a.sar(ecx, 4);
            a.mov(edx, 0x8000_0001u);
            a.rol(edx, 1);
            a.mov(esi, 1);
            a.ror(esi, 1);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RAX), Is.EqualTo(2UL));
        Assert.That(m.Reg(Register.R8L), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x4000_0000UL));
        Assert.That(m.Reg(Register.R9L), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xF800_0000UL));
        Assert.That(m.Reg(Register.RDX), Is.EqualTo(3UL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x8000_0000UL));
    }

    [Test]
    public void Rotate_through_carry_moves_the_carry_in()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.stc();
            a.mov(al, 0x80);
            a.rcl(al, 1);
            a.setc(bl);
            a.stc();
            a.mov(cl, 0x01);
            a.rcr(cl, 1);
            a.setc(dl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.AL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.BL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.CL), Is.EqualTo(0x80UL));
        Assert.That(m.Reg(Register.DL), Is.EqualTo(1UL));
    }

    [Test]
    public void Shift_by_zero_leaves_flags_alone()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.stc();
            a.xor(ecx, ecx);
            a.stc();
            a.mov(eax, 1);
            a.shl(eax, cl);
            a.setc(bl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.BL), Is.EqualTo(1UL));
    }

    [TestCase(true, TestName = "A_32_bit_shift_by_cl_0_still_clears_the_upper_half_and_keeps_the_flags")]
    [TestCase(false, TestName = "A_32_bit_shift_by_immediate_0_still_clears_the_upper_half_and_keeps_the_flags")]
    public void Shift_by_zero_writes_its_32_bit_destination(bool byCl)
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, -1);
            a.xor(ecx, ecx);
            a.stc();
            if (byCl)
            {
                a.shr(eax, cl);
            }
            else
            {
                a.shr(eax, 0);
            }

            a.setc(bl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(0xFFFF_FFFFUL));
        Assert.That(m.Reg(Register.BL), Is.EqualTo(1UL), "CF kept");
    }

    [Test]
    public void Shld_and_shrd_shift_in_bits_from_the_second_operand()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x1234_5678u);
            a.mov(ebx, 0x9ABC_DEF0u);
            a.shld(eax, ebx, 8);
            a.mov(ecx, 0x1234_5678u);
            a.shrd(ecx, ebx, 8);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RAX), Is.EqualTo(0x3456_789AUL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xF012_3456UL));
    }

    [Test]
    public void Bit_test_on_memory_addresses_the_bit_string_beyond_the_operand()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rbx, 0x3000);
            a.mov(eax, 100);
            a.bts(__dword_ptr[rbx], eax);
            a.mov(eax, -1);
            a.bts(__dword_ptr[rbx + 8], eax);
            a.bt(__dword_ptr[rbx], 5);
            a.setc(cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadByte(0x3000 + 12), Is.EqualTo(0x10));
        Assert.That(m.Memory.ReadByte(0x3007), Is.EqualTo(0x80));
        Assert.That(m.Reg(Register.CL), Is.Zero);
    }

    [Test]
    public void Bit_scans_and_counts_find_bits()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x0000_F000u);
            a.bsf(ebx, eax);
            a.bsr(ecx, eax);
            a.popcnt(edx, eax);
            a.tzcnt(esi, eax);
            a.lzcnt(edi, eax);
            a.mov(r8d, 77);
            a.xor(r9d, r9d);
            a.bsf(r8d, r9d);
            a.setz(r10b);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(12UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(15UL));
        Assert.That(m.Reg(Register.RDX), Is.EqualTo(4UL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(12UL));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(16UL));
        Assert.That(m.Reg(Register.R8), Is.EqualTo(77UL));
        Assert.That(m.Reg(Register.R10L), Is.EqualTo(1UL));
    }

    [Test]
    public void Cmov_writes_a_32_bit_destination_even_when_false()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, ulong.MaxValue);
            a.mov(ebx, 1);
            a.cmp(ebx, ebx);
            a.cmovne(eax, ebx);
            a.mov(rcx, 5);
            a.cmove(rcx, rbx);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RAX), Is.EqualTo(0xFFFF_FFFFUL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(1UL));
        Assert.That(m.Cpu.Rflags & Cr.FlagZf, Is.Not.Zero);
    }
}
