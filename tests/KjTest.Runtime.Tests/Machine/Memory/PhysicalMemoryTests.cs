using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Tests.Machine.Memory;

public class PhysicalMemoryTests
{
    [Test]
    public void Unwritten_ram_reads_zero_and_above_ram_reads_all_ones()
    {
        var mem = new PhysicalMemory(1 << 20);
        Assert.That(mem.ReadUInt64(0x1000), Is.Zero);
        Assert.That(mem.ReadUInt64(1 << 20), Is.EqualTo(ulong.MaxValue));
        mem.WriteUInt32(1 << 20, 5);
        Assert.That(mem.ReadUInt32(1 << 20), Is.EqualTo(0xFFFF_FFFFu));
    }

    [Test]
    public void Writes_straddling_a_page_boundary_read_back()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteUInt64(0x1FFC, 0x1122_3344_5566_7788);
        Assert.That(mem.ReadUInt64(0x1FFC), Is.EqualTo(0x1122_3344_5566_7788UL));
        Assert.That(mem.ReadUInt32(0x2000), Is.EqualTo(0x1122_3344u));
    }

    [Test]
    public void Sixty_four_gibibytes_cost_only_the_pages_written()
    {
        var mem = new PhysicalMemory(64UL << 30);
        mem.WriteUInt64((64UL << 30) - 8, 42);
        Assert.That(mem.ReadUInt64((64UL << 30) - 8), Is.EqualTo(42UL));
        Assert.That(mem.DirtyPages, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_snapshot_keeps_its_bytes_after_later_writes()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteUInt32(0x100, 1);
        var snapshot = mem.Snapshot();
        mem.WriteUInt32(0x100, 2);
        Span<byte> b = stackalloc byte[4];
        snapshot.Read(0x100, b);
        Assert.That(BitConverter.ToUInt32(b), Is.EqualTo(1u));
        Assert.That(mem.ReadUInt32(0x100), Is.EqualTo(2u));
    }

    [Test]
    public void Dirty_pages_are_those_written_since_the_last_snapshot()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteByte(0x1000, 1);
        mem.Snapshot();
        Assert.That(mem.IsDirty(1), Is.False);
        mem.WriteByte(0x5000, 1);
        mem.WriteByte(0x5001, 1);
        Assert.That(mem.DirtyPages, Is.EqualTo(new[] { 5UL }));
        Assert.That(mem.IsDirty(5), Is.True);
    }

    [Test]
    public void Diff_lists_changed_pages_and_byte_ranges()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteUInt32(0x2000, 0xAAAA_AAAA);
        var before = mem.Snapshot();
        mem.WriteByte(0x2001, 0x11);
        mem.WriteUInt16(0x2010, 0x2222);
        mem.WriteByte(0x7000, 0);
        mem.WriteByte(0x9FFF, 3);
        var after = mem.Snapshot();
        var diff = MemorySnapshot.Diff(before, after);
        Assert.That(diff.Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x2000UL, 0x9000UL }));
        Assert.That(diff.Pages[0].Ranges, Is.EqualTo(new[] { (1, 1), (0x10, 2) }));
        Assert.That(diff.Pages[1].Ranges, Is.EqualTo(new[] { (0xFFF, 1) }));
        Assert.That(MemorySnapshot.Diff(after, before).Pages, Has.Count.EqualTo(2));
    }

    [Test]
    public void Diff_across_several_snapshots_and_unrelated_branches()
    {
        var mem = new PhysicalMemory(1 << 20);
        var s0 = mem.Snapshot();
        mem.WriteByte(0x1000, 1);
        var s1 = mem.Snapshot();
        mem.WriteByte(0x3000, 1);
        var s2 = mem.Snapshot();
        mem.Restore(s0);
        mem.WriteByte(0x4000, 1);
        var s3 = mem.Snapshot();
        Assert.That(MemorySnapshot.Diff(s0, s2).Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x1000UL, 0x3000UL }));
        Assert.That(MemorySnapshot.Diff(s2, s3).Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x1000UL, 0x3000UL, 0x4000UL }));
        Assert.That(MemorySnapshot.Diff(s1, s1).IsEmpty, Is.True);
    }

    [Test]
    public void Restore_brings_back_the_snapshot_bytes()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteUInt64(0x8000, 7);
        var s = mem.Snapshot();
        mem.WriteUInt64(0x8000, 8);
        mem.WriteUInt64(0x9000, 9);
        mem.Restore(s);
        Assert.That(mem.ReadUInt64(0x8000), Is.EqualTo(7UL));
        Assert.That(mem.ReadUInt64(0x9000), Is.Zero);
        mem.WriteUInt64(0x8000, 10);
        Span<byte> b = stackalloc byte[8];
        s.Read(0x8000, b);
        Assert.That(BitConverter.ToUInt64(b), Is.EqualTo(7UL));
    }

    [Test]
    public void Writing_back_the_same_value_is_not_a_difference()
    {
        var mem = new PhysicalMemory(1 << 20);
        mem.WriteByte(0x1000, 5);
        var a = mem.Snapshot();
        mem.WriteByte(0x1000, 5);
        Assert.That(MemorySnapshot.Diff(a, mem.Snapshot()).IsEmpty, Is.True);
    }
}
