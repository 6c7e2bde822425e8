using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Paging;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel.Paging;

/// <summary>The x86-64 identity map of machine_kexec_prepare: reference 5.1 and 3.3.</summary>
public class X86_64IdentityMapTests
{
    private const ulong P = KexecFlags.PreserveContext;

    private static (KernelTestBed Bed, X86_64IdentityMap? Map, KexecLoadResult Result) Load(KernelConfig config, bool gbPages, params KexecSegment[] segments)
    {
        var bed = new KernelTestBed(config);
        X86_64IdentityMap? map = null;
        bed.Kernel.MachineKexecPrepare = X86_64IdentityMap.PrepareHook(config, bed.Memory, gbPages, m => map = m);
        var result = bed.Kernel.KexecLoad(0x100000, segments, P);
        return (bed, map, result);
    }

    [Test]
    public void Cur_maps_ram_and_every_segment_to_itself_from_control_pages()
    {
        var config = Standard() with { CrashKernel = null };
        var (bed, map, result) = Load(config, false, Segment(0x1000000, 0x1000), Segment(1UL << 40, 0x1000));

        var layout = result.Layout!;
        Assert.Multiple(() =>
        {
            Assert.That(map!.Root, Is.EqualTo(layout.PreparePages[0]));
            Assert.That(layout.PreparePages, Has.Count.EqualTo(5));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, 0x123456), Is.EqualTo(0x123456));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, (64 * Mib) - 1), Is.EqualTo((64 * Mib) - 1));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, (1UL << 40) + 0x10), Is.EqualTo((1UL << 40) + 0x10));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, 1UL << 31), Is.Null);
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, layout.ControlPages[0] + 8), Is.EqualTo(layout.ControlPages[0] + 8));
            Assert.That(KimageInvariants.Check(layout), Is.Empty);
        });
    }

    [Test]
    public void K30_uses_the_first_control_page_as_the_top_level_table()
    {
        var config = Standard(KernelEra.K30) with { CrashKernel = null };
        var (bed, map, result) = Load(config, false, Segment(0x1000000, 0x1000));

        Assert.Multiple(() =>
        {
            Assert.That(map!.Root, Is.EqualTo(result.Layout!.ControlPages[0]));
            Assert.That(result.Layout.PreparePages, Has.Count.EqualTo(2));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, 0x1000000), Is.EqualTo(0x1000000));
        });
    }

    [Test]
    public void Ranges_are_widened_to_whole_large_pages()
    {
        var config = Standard() with { CrashKernel = null, Ram = [new PhysicalRange(0, 3 * Mib)] };
        var (bed, map, _) = Load(config, false, Segment(0x200000, 0x1000));

        Assert.Multiple(() =>
        {
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map!.Root, (4 * Mib) - 1), Is.EqualTo((4 * Mib) - 1));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, 4 * Mib), Is.Null);
        });
    }

    [Test]
    public void Direct_gbpages_map_whole_gigabytes_with_one_entry()
    {
        var config = Standard() with { CrashKernel = null };
        var (bed, map, result) = Load(config, true, Segment(0x1000000, 0x1000));

        Assert.Multiple(() =>
        {
            Assert.That(result.Layout!.PreparePages, Has.Count.EqualTo(2));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map!.Root, 0x3FFF_FFFF), Is.EqualTo(0x3FFF_FFFF));
            Assert.That(X86_64PageWalk.Translate(bed.Memory, map.Root, 0x4000_0000), Is.Null);
        });
    }

    [Test]
    public void Running_out_of_control_pages_for_tables_fails_the_load_at_row_23()
    {
        var config = new KernelConfig { Ram = [new PhysicalRange(0x100000, 0x40000)] };
        var bed = new KernelTestBed(config, occupied: [.. Enumerable.Range(3, 61).Select(i => 0x100000 + ((ulong)i * 0x1000))]);
        bed.Kernel.MachineKexecPrepare = X86_64IdentityMap.PrepareHook(config, bed.Memory, false);

        var result = bed.Kernel.KexecLoad(0x100000, [Segment(0x800000, 0x1000)], P);

        Assert.That((result.Errno, result.Row), Is.EqualTo((Errno.ENOMEM, 23)));
    }
}
