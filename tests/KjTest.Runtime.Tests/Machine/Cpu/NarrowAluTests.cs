using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>8- and 16-bit ALU operations, including the high-byte registers AH to BH, which REX reuses for SPL to DIL.</summary>
public class NarrowAluTests
{
    [Test]
    public void Add_to_a_high_byte_register_changes_only_that_byte_and_sets_carry()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x1122_3344_5566_F077);
            a.mov(ebx, 0x20);
            a.add(ah, bl);
            a.setc(cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(0x1122_3344_5566_1077UL));
        Assert.That(m.Reg(Register.CL), Is.EqualTo(1UL));
    }

    [Test]
    public void Xor_of_a_high_byte_register_with_an_immediate_keeps_its_neighbours()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rcx, 0x0000_0000_0000_0FAB);
            a.xor(ch, 0xF0);
            a.setz(dl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xFFABUL));
        Assert.That(m.Reg(Register.DL), Is.Zero);
    }

    [Test]
    public void Rex_byte_registers_are_the_low_bytes_of_sp_bp_si_di()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x1234);
            a.mov(edi, 0x0F);
            a.add(sil, dil);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x1243UL));
    }

    [TestCase(0xFFFFu, 0u, 1u, TestName = "Cmp_ax_with_a_sign_extended_minus_one_is_equal_without_borrow")]
    [TestCase(0x0000u, 1u, 0u, TestName = "Cmp_ax_zero_with_minus_one_borrows")]
    public void Cmp_of_a_16_bit_register_with_a_sign_extended_byte(uint value, uint carry, uint zero)
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, value);
            a.cmp(ax, -1);
            a.setc(bl);
            a.setz(cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.BL), Is.EqualTo((ulong)carry));
        Assert.That(m.Reg(Register.CL), Is.EqualTo((ulong)zero));
    }

    [Test]
    public void A_16_bit_memory_add_keeps_the_bytes_around_it()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x1111_2222_3333_FFFF);
            a.mov(__qword_ptr[0x8000], rax);
            a.mov(ebx, 2);
            a.add(__word_ptr[0x8000], bx);
            a.setc(cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x8000), Is.EqualTo(0x1111_2222_3333_0001UL));
        Assert.That(m.Reg(Register.CL), Is.EqualTo(1UL));
    }
}
