using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class SimdAndX87Tests
{
    [Test]
    public void Sse_moves_and_integer_ops_work_on_xmm_registers()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x0102_0304_0506_0708UL);
            a.movq(xmm0, rax);
            a.movdqa(xmm1, xmm0);
            a.paddb(xmm1, xmm0);
            a.movdqu(__xmmword_ptr[0x3001], xmm1);
            a.pxor(xmm2, xmm2);
            a.pcmpeqb(xmm2, xmm2);
            a.pmovmskb(ebx, xmm2);
            a.pshufd(xmm3, xmm0, 0x00);
            a.pslldq(xmm0, 8);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x3001), Is.EqualTo(0x0204_0608_0A0C_0E10UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0xFFFFUL));
        Assert.That(m.Cpu.GetXmm(3), Is.EqualTo(((UInt128)0x0506_0708_0506_0708UL << 64) | 0x0506_0708_0506_0708UL));
        Assert.That(m.Cpu.GetXmm(0), Is.EqualTo((UInt128)0x0102_0304_0506_0708UL << 64));
    }

    [Test]
    public void Packed_bit_shifts_shift_each_lane_and_clear_or_sign_fill_past_the_lane_width()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rax, 0x8000_0001_F000_0002UL);
            a.movq(xmm0, rax);
            a.movdqa(xmm1, xmm0);
            a.movdqa(xmm2, xmm0);
            a.movdqa(xmm3, xmm0);
            a.psrld(xmm0, 1);
            a.psrad(xmm1, 40);
            a.mov(ecx, 4);
            a.movq(xmm4, rcx);
            a.psllq(xmm2, xmm4);
            a.psrlw(xmm3, 16);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Cpu.GetXmm(0), Is.EqualTo((UInt128)0x4000_0000_7800_0001UL));
        Assert.That(m.Cpu.GetXmm(1), Is.EqualTo((UInt128)0xFFFF_FFFF_FFFF_FFFFUL));
        Assert.That(m.Cpu.GetXmm(2), Is.EqualTo((UInt128)0x0000_001F_0000_0020UL));
        Assert.That(m.Cpu.GetXmm(3), Is.EqualTo(UInt128.Zero));
    }

    [Test]
    public void Misaligned_movdqa_raises_general_protection()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.movdqa(xmm0, __xmmword_ptr[0x3001]);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
    }

    [Test]
    public void Sse_with_cr0_ts_raises_device_not_available()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.pxor(xmm0, xmm0);
            a.hlt();
        });
        m.Cpu.Cr0 |= Cr.Cr0Ts;
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(7));
    }

    [Test]
    public void Sse_without_osfxsr_is_undefined()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.pxor(xmm0, xmm0);
            a.hlt();
        });
        m.Cpu.Cr4 &= ~Cr.Cr4Osfxsr;
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(6));
    }

    [Test]
    public void X87_loads_converts_and_stores()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.fninit();
            a.fld1();
            a.fldpi();
            a.fstp(__qword_ptr[0x3000]);
            a.mov(__dword_ptr[0x3010], -7);
            a.fild(__dword_ptr[0x3010]);
            a.fistp(__qword_ptr[0x3018]);
            a.fstp(__dword_ptr[0x3020]);
            a.fnstsw(ax);
            a.fnstcw(__word_ptr[0x3028]);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(BitConverter.UInt64BitsToDouble(m.Memory.ReadUInt64(0x3000)), Is.EqualTo(Math.PI));
        Assert.That((long)m.Memory.ReadUInt64(0x3018), Is.EqualTo(-7L));
        Assert.That(BitConverter.UInt32BitsToSingle(m.Memory.ReadUInt32(0x3020)), Is.EqualTo(1.0f));
        Assert.That(m.Reg(Register.AX) & 0x3800, Is.Zero, "stack empty again: TOP = 0");
        Assert.That(m.Memory.ReadUInt16(0x3028), Is.EqualTo((ushort)0x037F));
    }

    [Test]
    public void Fxsave_and_fxrstor_round_trip_the_state()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.fninit();
            a.fld1();
            a.mov(eax, 0x1234);
            a.movd(xmm5, eax);
            a.fxsave64(__[0x4000]);
            a.pxor(xmm5, xmm5);
            a.fninit();
            a.fxrstor64(__[0x4000]);
            a.movd(ebx, xmm5);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(0x1234UL));
        Assert.That(m.Memory.ReadUInt16(0x4000), Is.EqualTo((ushort)0x037F));
        Assert.That(m.Memory.ReadByte(0x4004), Is.EqualTo(0x80), "abridged tag: R7 in use");
        Assert.That(m.Cpu.GetSt(0), Is.EqualTo(Float80.One));
        Assert.That(m.Memory.ReadUInt32(0x4000 + 24), Is.EqualTo(0x1F80u));
    }

    [Test]
    public void Xsave_writes_the_header_and_xrstor_initialises_absent_components()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x77);
            a.movd(xmm1, eax);
            a.mov(eax, 3);
            a.xor(edx, edx);
            a.xsave64(__[0x5000]);
            a.mov(__qword_ptr[0x5200], 1);
            a.xrstor64(__[0x5000]);
            a.movd(ebx, xmm1);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.Zero);
    }
}
