using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>
/// Instructions that leave a 32-bit register's value unchanged still write it in 64-bit mode,
/// so its upper half clears (as on silicon and in the oracle vectors).
/// </summary>
public class ZeroCountDestinationTests
{
    private const ulong Dirty = 0xDEAD_BEEF_1234_5678;

    [Test]
    public void Shift_of_a_32_bit_register_by_a_masked_zero_count_clears_the_upper_half()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            a.mov(rax, Dirty);
            a.mov(rbx, Dirty);
            a.mov(rdx, Dirty);
            a.shl(eax, 32);
            a.rol(ebx, 64);
            a.mov(cl, 0x20);
            a.rcr(edx, cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(machine.Rax(), Is.EqualTo(0x1234_5678UL));
        Assert.That(machine.Reg(Iced.Intel.Register.RBX), Is.EqualTo(0x1234_5678UL));
        Assert.That(machine.Reg(Iced.Intel.Register.RDX), Is.EqualTo(0x1234_5678UL));
    }

    [Test]
    public void Double_shift_of_a_32_bit_register_by_a_masked_zero_count_clears_the_upper_half()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            a.mov(rax, Dirty);
            a.mov(rbx, Dirty);
            a.shld(eax, ecx, 32);
            a.mov(cl, 0x40);
            a.shrd(ebx, edx, cl);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(machine.Rax(), Is.EqualTo(0x1234_5678UL));
        Assert.That(machine.Reg(Iced.Intel.Register.RBX), Is.EqualTo(0x1234_5678UL));
    }

    [Test]
    public void Bit_scan_of_a_zero_source_into_a_32_bit_register_clears_the_upper_half()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            a.mov(rax, Dirty);
            a.mov(rbx, Dirty);
            a.xor(ecx, ecx);
            a.bsr(eax, ecx);
            a.bsf(ebx, ecx);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(machine.Rax(), Is.EqualTo(0x1234_5678UL));
        Assert.That(machine.Reg(Iced.Intel.Register.RBX), Is.EqualTo(0x1234_5678UL));
    }
}
