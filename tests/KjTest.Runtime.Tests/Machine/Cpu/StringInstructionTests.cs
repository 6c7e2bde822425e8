using KjTest.Runtime.Machine.Cpu;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class StringInstructionTests
{
    [Test]
    public void Rep_movsq_copies_across_pages()
    {
        var source = new byte[3 * 4096];
        new Random(7).NextBytes(source);
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x20_0008);
            a.mov(rdi, 0x30_0000);
            a.mov(ecx, (source.Length - 16) / 8);
            a.rep.movsq();
            a.hlt();
        });
        m.Load(0x20_0000, source);
        GuestHarness.RunToHalt(m);
        var copied = new byte[source.Length - 16];
        m.Memory.Read(0x30_0000, copied);
        Assert.That(copied, Is.EqualTo(source[8..^8]));
        Assert.That(m.Reg(Register.RCX), Is.Zero);
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x20_0008UL + (ulong)copied.Length));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x30_0000UL + (ulong)copied.Length));
    }

    [Test]
    public void Rep_movsq_from_never_written_pages_copies_zeros_across_a_large_page()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x80_0000);
            a.mov(rdi, 0x40_0000);
            a.mov(ecx, (64 * 4096) / 8);
            a.rep.movsq();
            a.hlt();
        });
        var filled = new byte[64 * 4096];
        filled.AsSpan().Fill(0x5A);
        m.Load(0x40_0000, filled);
        m.Load(0x80_0000 + (10 * 4096), filled.AsSpan(0, 4096).ToArray());
        GuestHarness.RunToHalt(m);
        var copied = new byte[filled.Length];
        m.Memory.Read(0x40_0000, copied);
        var expected = new byte[filled.Length];
        expected.AsSpan(10 * 4096, 4096).Fill(0x5A);
        Assert.That(copied, Is.EqualTo(expected));
        Assert.That(m.Reg(Register.RCX), Is.Zero);
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x40_0000UL + (ulong)filled.Length));
    }

    [Test]
    public void Overlapping_rep_movsb_replicates_like_the_hardware()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(__byte_ptr[0x3000], 0xAB);
            a.mov(rsi, 0x3000);
            a.mov(rdi, 0x3001);
            a.mov(ecx, 100);
            a.rep.movsb();
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        var bytes = new byte[101];
        m.Memory.Read(0x3000, bytes);
        Assert.That(bytes, Is.All.EqualTo(0xAB));
    }

    [Test]
    public void Rep_stosd_fills_and_std_makes_it_go_down()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(eax, 0x1122_3344u);
            a.mov(rdi, 0x4000);
            a.mov(ecx, 2000);
            a.rep.stosd();
            a.std();
            a.mov(rdi, 0x6000);
            a.mov(ecx, 2);
            a.mov(eax, 0x55);
            a.rep.stosb();
            a.cld();
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt32(0x4000 + (1999 * 4)), Is.EqualTo(0x1122_3344u));
        Assert.That(m.Memory.ReadUInt32(0x4000 + (2000 * 4)), Is.Zero);
        Assert.That(m.Memory.ReadByte(0x6000), Is.EqualTo(0x55));
        Assert.That(m.Memory.ReadByte(0x5FFF), Is.EqualTo(0x55));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x5FFEUL));
    }

    [Test]
    public void Repe_cmpsb_stops_at_the_first_difference()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x3000);
            a.mov(rdi, 0x4000);
            a.mov(ecx, 10);
            a.repe.cmpsb();
            a.hlt();
        });
        m.Load(0x3000, "abcdefghij"u8);
        m.Load(0x4000, "abcdXfghij"u8);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(5UL));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x3005UL));
    }

    [Test]
    public void Repne_scasb_finds_a_byte()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rdi, 0x3000);
            a.mov(al, 0);
            a.mov(rcx, -1);
            a.repne.scasb();
            a.not(rcx);
            a.dec(rcx);
            a.hlt();
        });
        m.Load(0x3000, "hello\0"u8);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(5UL));
    }

    [Test]
    public void Lodsb_loads_and_advances()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x3000);
            a.lodsb();
            a.lodsb();
            a.hlt();
        });
        m.Load(0x3000, "xy"u8);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.AL), Is.EqualTo((ulong)'y'));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x3002UL));
    }

    [Test]
    public void A_repeated_string_instruction_counts_each_iteration_toward_the_budget_and_stops_resumably()
    {
        // rcx = 2^64 - 1: without chunking this would never end.
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x20_0000);
            a.mov(rdi, 0x30_0000);
            a.mov(rcx, -1);
            a.repe.cmpsb();
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(1_000_003));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.InstructionLimit));
        Assert.That(outcome.Instructions, Is.EqualTo(1_000_003UL));
        var rep = m.Cpu.Rip;
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(ulong.MaxValue - 1_000_000), "three movs, then a million iterations");
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x20_0000UL + 1_000_000));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x30_0000UL + 1_000_000));

        // Resuming goes on from where it stopped, at the same instruction, until the first difference.
        m.Load(0x20_0000 + 1_500_000, [1]);
        var rest = m.Run(new ExecutionLimits(10_000_000));
        Assert.That(rest.Reason, Is.EqualTo(StopReason.Halted));
        Assert.That(m.Reg(Register.RSI), Is.EqualTo(0x20_0000UL + 1_500_001));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(ulong.MaxValue - 1_500_001));
        Assert.That(rest.Instructions, Is.EqualTo(500_001UL + 1), "the remaining iterations and the hlt");
        Assert.That(rep, Is.LessThan(m.Cpu.Rip));
    }

    [Test]
    public void A_bulk_rep_stosb_stops_at_the_budget_with_the_bytes_so_far_written()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rdi, 0x40_0000);
            a.mov(ecx, 0x10_0000);
            a.mov(al, 0xAB);
            a.rep.stosb();
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(3 + 10_000));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.InstructionLimit));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x40_0000UL + 10_000));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0x10_0000UL - 10_000));
        Assert.That(m.Memory.ReadByte(0x40_0000 + 9_999), Is.EqualTo(0xAB));
        Assert.That(m.Memory.ReadByte(0x40_0000 + 10_000), Is.Zero);
    }

    [Test]
    public void A_repeated_string_instruction_is_cancelled_between_chunks()
    {
        var m = GuestHarness.LongMode(a =>
        {
            a.mov(rsi, 0x20_0000);
            a.mov(rdi, 0x30_0000);
            a.mov(rcx, -1);
            a.repe.cmpsb();
            a.hlt();
        });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var outcome = m.Run(new ExecutionLimits(ulong.MaxValue, Cancellation: cancel.Token));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Cancelled));
        Assert.That(outcome.Instructions, Is.LessThanOrEqualTo(4096UL));
    }
}
