using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>Every 8-bit operand pair (and carry-in) against flags computed from the textbook definitions.</summary>
public class ArithmeticFlagsTests
{
    private const ulong StatusFlags = 0x8D5;

    private static ulong ReferenceFlags(int a, int b, int carryIn, bool subtract)
    {
        int result, signed;
        bool cf, af;
        if (subtract)
        {
            result = (a - b - carryIn) & 0xFF;
            signed = (sbyte)a - (sbyte)b - carryIn;
            cf = a < b + carryIn;
            af = (a & 0xF) < (b & 0xF) + carryIn;
        }
        else
        {
            result = (a + b + carryIn) & 0xFF;
            signed = (sbyte)a + (sbyte)b + carryIn;
            cf = a + b + carryIn > 0xFF;
            af = (a & 0xF) + (b & 0xF) + carryIn > 0xF;
        }

        var ones = 0;
        for (var bit = 0; bit < 8; bit++)
        {
            ones += (result >> bit) & 1;
        }

        ulong flags = 0;
        flags |= cf ? 1UL : 0;
        flags |= ones % 2 == 0 ? 4UL : 0;
        flags |= af ? 0x10UL : 0;
        flags |= result == 0 ? 0x40UL : 0;
        flags |= (result & 0x80) != 0 ? 0x80UL : 0;
        flags |= signed is < -128 or > 127 ? 0x800UL : 0;
        return flags;
    }

    [TestCase("add", false, false)]
    [TestCase("sub", true, false)]
    [TestCase("cmp", true, false)]
    [TestCase("adc", false, true)]
    [TestCase("sbb", true, true)]
    public void Eight_bit_flags_match_the_reference_for_every_operand_pair(string mnemonic, bool subtract, bool usesCarry)
    {
        var machine = GuestHarness.LongMode(a =>
        {
            switch (mnemonic)
            {
                case "add": a.add(al, bl); break;
                case "sub": a.sub(al, bl); break;
                case "cmp": a.cmp(al, bl); break;
                case "adc": a.adc(al, bl); break;
                default: a.sbb(al, bl); break;
            }

            a.hlt();
        });
        var cpu = machine.Cpu;
        var mismatches = 0;
        var firstMismatch = "";
        foreach (var carry in usesCarry ? new[] { 0, 1 } : [0])
        {
            for (var x = 0; x < 256; x++)
            {
                for (var y = 0; y < 256; y++)
                {
                    cpu.Rip = GuestHarness.CodeAddress;
                    cpu.SetGpr(0, (ulong)x);
                    cpu.SetGpr(3, (ulong)y);
                    cpu.Rflags = 2 | (ulong)carry;
                    cpu.Step();
                    var expectedResult = mnemonic == "cmp" ? x : subtract ? (x - y - carry) & 0xFF : (x + y + carry) & 0xFF;
                    var expected = ReferenceFlags(x, y, carry, subtract);
                    var actual = cpu.Rflags & StatusFlags;
                    if (actual != expected || cpu.GetGpr(0) != (ulong)expectedResult)
                    {
                        if (mismatches++ == 0)
                        {
                            firstMismatch = $"{mnemonic} {x:x2},{y:x2} cf={carry}: flags {actual:x} expected {expected:x}, al {cpu.GetGpr(0):x}";
                        }
                    }
                }
            }
        }

        Assert.That(mismatches, Is.Zero, firstMismatch);
    }

    [Test]
    public void Inc_and_dec_keep_carry_and_set_overflow_at_the_sign_boundary()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.stc();
            a.mov(al, 0x7F);
            a.inc(al);
            a.pushfq();
            a.pop(rbx);
            a.clc();
            a.mov(cl, 0x80);
            a.dec(cl);
            a.pushfq();
            a.pop(rdx);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        var afterInc = m.Reg(Register.RBX);
        Assert.That(afterInc & Cr.FlagCf, Is.EqualTo(Cr.FlagCf));
        Assert.That(afterInc & Cr.FlagOf, Is.EqualTo(Cr.FlagOf));
        Assert.That(afterInc & Cr.FlagSf, Is.EqualTo(Cr.FlagSf));
        var afterDec = m.Reg(Register.RDX);
        Assert.That(afterDec & Cr.FlagCf, Is.Zero);
        Assert.That(afterDec & Cr.FlagOf, Is.EqualTo(Cr.FlagOf));
        Assert.That(m.Reg(Register.CL), Is.EqualTo(0x7FUL));
    }

    [Test]
    public void Neg_sets_carry_unless_the_operand_is_zero()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0);
            a.neg(eax);
            a.setc(bl);
            a.mov(ecx, 5);
            a.neg(ecx);
            a.setc(dl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.BL), Is.Zero);
        Assert.That(m.Reg(Register.DL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0xFFFF_FFFBUL));
    }

    [Test]
    public void Logic_clears_carry_and_overflow()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.stc();
            a.mov(rax, 0xF0);
            a.and(rax, 0x0F);
            a.pushfq();
            a.pop(rbx);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        var f = m.Reg(Register.RBX);
        Assert.That(f & (Cr.FlagCf | Cr.FlagOf), Is.Zero);
        Assert.That(f & (Cr.FlagZf | Cr.FlagPf), Is.EqualTo(Cr.FlagZf | Cr.FlagPf));
    }

    [Test]
    public void Sixty_four_bit_add_detects_signed_and_unsigned_overflow()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, long.MaxValue);
            a.add(rax, 1);
            a.seto(bl);
            a.setc(cl);
            a.mov(rdx, ulong.MaxValue);
            a.add(rdx, 1);
            a.setc(sil);
            a.setz(dil);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.BL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.CL), Is.Zero);
        Assert.That(m.Reg(Register.SIL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.DIL), Is.EqualTo(1UL));
    }

    [Test]
    public void Mul_imul_and_div_produce_wide_results()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, ulong.MaxValue);
            a.mov(rbx, 2);
            a.mul(rbx);
            a.mov(r8, rax);
            a.mov(r9, rdx);
            a.mov(rax, 100);
            a.xor(edx, edx);
            a.mov(rcx, 7);
            a.div(rcx);
            a.mov(r10, rax);
            a.mov(r11, rdx);
            a.mov(rax, -50);
            a.cqo();
            a.mov(rcx, 7);
            a.idiv(rcx);
            a.mov(r12, rax);
            a.mov(r13, rdx);
            a.imul(r14, rcx, -3);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.R8), Is.EqualTo(ulong.MaxValue - 1));
        Assert.That(m.Reg(Register.R9), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.R10), Is.EqualTo(14UL));
        Assert.That(m.Reg(Register.R11), Is.EqualTo(2UL));
        Assert.That((long)m.Reg(Register.R12), Is.EqualTo(-7L));
        Assert.That((long)m.Reg(Register.R13), Is.EqualTo(-1L));
        Assert.That((long)m.Reg(Register.R14), Is.EqualTo(-21L));
    }

    [Test]
    public void Divide_by_zero_raises_divide_error()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.xor(ecx, ecx);
            a.div(ecx);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Exception));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(0));
        Assert.That(outcome.Rip, Is.EqualTo(GuestHarness.CodeAddress + 2));
    }

    [Test]
    public void Idiv_overflow_raises_divide_error()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x8000_0000u);
            a.cdq();
            a.mov(ecx, -1);
            a.idiv(ecx);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(100, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(0));
    }
}
