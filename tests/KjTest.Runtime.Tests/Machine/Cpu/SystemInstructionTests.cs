using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class SystemInstructionTests
{
    [Test]
    public void Cpuid_reports_the_declared_vendor_and_long_mode()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.xor(eax, eax);
            a.cpuid();
            a.mov(r8d, ebx);
            a.mov(eax, 0x8000_0001u);
            a.cpuid();
            a.mov(r9d, edx);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That((uint)m.Reg(Register.R8), Is.EqualTo(0x756E_6547u), "Genu");
        Assert.That(m.Reg(Register.R9) & (1UL << 29), Is.Not.Zero);
    }

    [Test]
    public void Rdtsc_counts_retired_instructions()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.rdtsc();
            a.mov(r8d, eax);
            a.nop();
            a.nop();
            a.rdtsc();
            a.sub(eax, r8d);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(4UL));
    }

    [Test]
    public void Wrmsr_and_rdmsr_round_trip_and_swapgs_swaps()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(ecx, 0xC000_0102u);
            a.mov(eax, 0x1000);
            a.xor(edx, edx);
            a.wrmsr();
            a.swapgs();
            a.mov(ecx, 0xC000_0101u);
            a.rdmsr();
            a.mov(r8d, eax);
            a.mov(rax, __qword_ptr.gs[0x10]);
            a.hlt();
        });
        m.Memory.WriteUInt64(0x1010, 77);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.R8), Is.EqualTo(0x1000UL));
        Assert.That(m.Rax(), Is.EqualTo(77UL));
    }

    [Test]
    public void Sgdt_stores_what_lgdt_loaded()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.sgdt(__[0x3000]);
            a.mov(__word_ptr[0x3010], 0x1F);
            a.mov(__qword_ptr[0x3012], 0x5000);
            a.lidt(__[0x3010]);
            a.sidt(__[0x3020]);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt16(0x3000), Is.EqualTo((ushort)0x3F));
        Assert.That(m.Memory.ReadUInt64(0x3002), Is.EqualTo(m.Cpu.Gdtr.Base));
        Assert.That(m.Cpu.Idtr, Is.EqualTo(new DescriptorTableRegister(0x5000, 0x1F)));
        Assert.That(m.Memory.ReadUInt64(0x3022), Is.EqualTo(0x5000UL));
    }

    [Test]
    public void Port_output_reaches_the_bus()
    {
        var port = new RecordingPort();
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(al, (byte)'K');
            a.@out(0xE9, al);
            a.mov(dx, 0xE9);
            a.mov(al, (byte)'J');
            a.@out(dx, al);
            a.@in(al, dx);
            a.hlt();
        });
        m.Bus.Attach(port);
        GuestHarness.RunToHalt(m);
        Assert.That(port.Written, Is.EqualTo("KJ"));
        Assert.That(m.Reg(Register.AL), Is.EqualTo(0x5AUL));
    }

    [Test]
    public void Xsetbv_rejects_unsupported_components()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.xor(ecx, ecx);
            a.mov(eax, 7);
            a.xor(edx, edx);
            a.xsetbv();
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
    }

    [Test]
    public void Far_return_into_32_bit_compatibility_code_changes_mode()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.push(0x23);
            a.push(0x50_0000);
            a.push(0x1B);
            a.push(0x10_0100);
            a.AddInstruction(Instruction.Create(Code.Retfq));
        });
        GuestHarness.Load(m, 32, a =>
        {
            a.mov(eax, 0x33);
            a.hlt();
        }, 0x10_0100);
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(m.Rax(), Is.EqualTo(0x33UL));
        Assert.That(m.Cpu.CodeBitness, Is.EqualTo(32));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13), "hlt at CPL 3");
    }
}
