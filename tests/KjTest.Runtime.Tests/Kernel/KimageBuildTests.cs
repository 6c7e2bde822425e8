using KjTest.Abi;
using KjTest.Runtime.Kernel;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>The kimage written into guest RAM: reference sections 3.2 and 3.3.</summary>
public class KimageBuildTests
{
    private const ulong Top = 64 * Mib;
    private const ulong P = KexecFlags.PreserveContext;

    private static KernelConfig NoCrash(KernelEra era = KernelEra.Cur, KernelArch arch = KernelArch.X86_64) =>
        Standard(era, arch) with { CrashKernel = null };

    [Test]
    public void Reference_example_is_written_word_for_word_in_the_first_indirection_page()
    {
        var bed = new KernelTestBed(NoCrash());

        var result = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, 0x3000, 0x3000), Segment(0x2000000, 0x1000, 0x10)], P);

        var layout = result.Layout!;
        ulong control = Top - 0x1000, swap = Top - 0x2000, p0 = Top - 0x3000;
        ulong s0 = Top - 0x4000, s1 = Top - 0x5000, s2 = Top - 0x6000, s3 = Top - 0x7000;
        var words = Enumerable.Range(0, 8).Select(i => bed.Memory.ReadUInt64(p0 + ((ulong)i * 8))).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.ReturnValue, Is.Zero);
            Assert.That(layout.Head, Is.EqualTo(p0 | KimageEntry.Indirection));
            Assert.That(layout.ControlPages, Is.EqualTo(new[] { control }));
            Assert.That(layout.SwapPage, Is.EqualTo(swap));
            Assert.That(words, Is.EqualTo(new ulong[] { 0x1000000 | 1, s0 | 8, s1 | 8, s2 | 8, 0x2000000 | 1, s3 | 8, 4, 0UL }));
            Assert.That(layout.Pages, Is.EqualTo(new[]
            {
                new KimagePage(0x1000000, s0), new KimagePage(0x1001000, s1), new KimagePage(0x1002000, s2), new KimagePage(0x2000000, s3),
            }));
            Assert.That(layout.PreserveContext, Is.True);
            Assert.That(bed.Kernel.NormalImage, Is.EqualTo(layout).Using<KimageLayout>(SameLayout));
        });
    }

    [Test]
    public void K30_x86_64_takes_an_aligned_pair_of_control_pages()
    {
        var bed = new KernelTestBed(NoCrash(KernelEra.K30));

        var layout = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, 0x1000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.ControlPages, Is.EqualTo(new[] { Top - 0x2000, Top - 0x1000 }));
            Assert.That(layout.SwapPage, Is.EqualTo(Top - 0x3000));
        });
    }

    [Test]
    public void I386_writes_four_byte_words()
    {
        var bed = new KernelTestBed(NoCrash(KernelEra.K27, KernelArch.I386));

        var layout = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, 0x2000)], P).Layout!;

        var p0 = layout.IndirectionPages[0];
        var words = Enumerable.Range(0, 4).Select(i => (ulong)bed.Memory.ReadUInt32(p0 + ((ulong)i * 4))).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(layout.WordSize, Is.EqualTo(4));
            Assert.That(words, Is.EqualTo(new ulong[] { 0x1000000 | 1, layout.Pages[0].Source | 8, layout.Pages[1].Source | 8, 4UL }));
        });
    }

    [TestCase(KernelArch.X86_64, 511)]
    [TestCase(KernelArch.I386, 1023)]
    public void A_full_indirection_page_chains_to_the_next_in_its_last_word(KernelArch arch, int payloadWords)
    {
        var bed = new KernelTestBed(NoCrash(KernelEra.Cur, arch));
        var pages = (ulong)payloadWords + 10;

        var layout = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, pages * 0x1000)], P).Layout!;

        var wordSize = (ulong)layout.WordSize;
        var p0 = layout.IndirectionPages[0];
        var lastSlot = p0 + ((ulong)payloadWords * wordSize);
        var link = wordSize == 8 ? bed.Memory.ReadUInt64(lastSlot) : bed.Memory.ReadUInt32(lastSlot);
        Assert.Multiple(() =>
        {
            Assert.That(layout.IndirectionPages, Has.Count.EqualTo(2));
            Assert.That(link, Is.EqualTo(layout.IndirectionPages[1] | KimageEntry.Indirection));
            Assert.That(layout.Pages, Has.Count.EqualTo((int)pages));
        });
    }

    [TestCase(KernelEra.Cur, KernelArch.X86_64)]
    [TestCase(KernelEra.K30, KernelArch.X86_64)]
    [TestCase(KernelEra.K27, KernelArch.I386)]
    public void Decoding_guest_memory_gives_back_the_layout(KernelEra era, KernelArch arch)
    {
        var bed = new KernelTestBed(NoCrash(era, arch));

        var layout = bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x200000, 0x1234), Segment(0x200000, 0), Segment(0x300000, 0x1000)], P).Layout!;

        var decoded = KimageEntryDecoder.Decode(bed.Memory, layout.Head, layout.WordSize);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Terminated, Is.True);
            Assert.That(decoded.Pages, Is.EqualTo(layout.Pages));
            Assert.That(decoded.IndirectionPages, Is.EqualTo(layout.IndirectionPages));
            Assert.That(decoded.Destinations, Is.EqualTo(new ulong[] { 0x1000000, 0x200000, 0x300000 }));
            Assert.That(KimageInvariants.Check(layout), Is.Empty);
        });
    }

    [Test]
    public void Source_pages_are_cleared_then_filled_with_bufsz_bytes()
    {
        var bed = new KernelTestBed(NoCrash());
        var dirt = Enumerable.Repeat((byte)0xCC, 16 * 4096).ToArray();
        bed.Memory.Write(Top - (16 * 4096), dirt);
        var buffer = Enumerable.Range(0, 0x1800).Select(i => (byte)(i * 7)).ToArray();

        var layout = bed.Kernel.KexecLoad(0x100000, [new KexecSegment(buffer, 0x1000000, 0x3000)], P).Layout!;

        var image = layout.Pages.SelectMany(p => bed.Memory.ReadBytes(p.Source, 4096)).ToArray();
        var expected = buffer.Concat(new byte[0x3000 - 0x1800]).ToArray();
        Assert.That(image, Is.EqualTo(expected));
    }

    [Test]
    public void Pages_at_their_own_destination_are_used_in_place_and_parked_ones_are_taken_back()
    {
        var bed = new KernelTestBed(NoCrash());

        var layout = bed.Kernel.KexecLoad(0x100000, [Segment(Top - 0x10000, 0x10000, 0x10000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.Pages.All(p => p.Source == p.Destination), Is.True);
            Assert.That(layout.ControlPages.Single(), Is.LessThan(Top - 0x10000));
            Assert.That(layout.IndirectionPages.Single(), Is.LessThan(Top - 0x10000));
            Assert.That(layout.ParkedPages, Is.Empty);
            Assert.That(KimageInvariants.Check(layout), Is.Empty);
        });
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    [TestCase(4UL)]
    [TestCase(5UL)]
    [TestCase(6UL)]
    public void Shuffled_allocation_keeps_the_invariants_and_the_content(ulong seed)
    {
        var bed = new KernelTestBed(NoCrash() with { Ram = [new PhysicalRange(0, 16 * Mib)] }, seed);
        var buffer = Enumerable.Range(0, 0x300000).Select(i => (byte)((i >> 12) ^ i)).ToArray();

        var layout = bed.Kernel.KexecLoad(0x100000, [new KexecSegment(buffer, 4 * Mib, 0x400000), Segment(12 * Mib, 0x100000, 0x100000, 0x5A)], P).Layout!;

        var decoded = KimageEntryDecoder.Decode(bed.Memory, layout.Head, layout.WordSize);
        var content = layout.Pages.SelectMany(p => bed.Memory.ReadBytes(p.Source, 4096)).ToArray();
        var expected = buffer.Concat(new byte[0x100000]).Concat(Enumerable.Repeat((byte)0x5A, 0x100000)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(KimageInvariants.Check(layout), Is.Empty);
            Assert.That(decoded.Pages, Is.EqualTo(layout.Pages));
            Assert.That(content.AsSpan().SequenceEqual(expected), Is.True, "source content");
            Assert.That(layout.Exchanges, Is.GreaterThan(0));
        });
    }

    [Test]
    public void A_drawn_page_whose_destination_already_has_a_source_takes_over_its_role()
    {
        const ulong d0 = 0x20000, d1 = 0x21000, s0 = 0x60000;
        var config = new KernelConfig { Ram = [new PhysicalRange(0, 0x100000)] };
        var memory = new SparsePhysicalMemory(0x100000);
        var allocator = KernelPageAllocator.InOrder([0x50000, 0x40000, 0x30000, s0, d0, 0x70000]);
        var kernel = new KernelModel(config, memory, allocator);
        var buffer = Enumerable.Repeat((byte)0x11, 0x1000).Concat(Enumerable.Repeat((byte)0x22, 0x1000)).ToArray();

        var layout = kernel.KexecLoad(0x20000, [new KexecSegment(buffer, d0, 0x2000)], P).Layout!;

        var decoded = KimageEntryDecoder.Decode(memory, layout.Head, layout.WordSize);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Pages, Is.EqualTo(new[] { new KimagePage(d0, d0), new KimagePage(d1, s0) }));
            Assert.That(decoded.Pages, Is.EqualTo(layout.Pages));
            Assert.That(layout.Exchanges, Is.EqualTo(1));
            Assert.That(memory.ReadBytes(d0, 0x1000), Is.All.EqualTo(0x11));
            Assert.That(memory.ReadBytes(s0, 0x1000), Is.All.EqualTo(0x22));
            Assert.That(allocator.IsFree(0x70000), Is.True);
        });
    }

    [Test]
    public void A_drawn_destination_page_without_a_source_yet_is_parked_until_its_turn()
    {
        const ulong d0 = 0x20000, d1 = 0x21000;
        var config = new KernelConfig { Ram = [new PhysicalRange(0, 0x100000)] };
        var memory = new SparsePhysicalMemory(0x100000);
        var allocator = KernelPageAllocator.InOrder([0x50000, 0x40000, 0x30000, d1, 0x60000, 0x70000]);
        var kernel = new KernelModel(config, memory, allocator);

        var layout = kernel.KexecLoad(0x20000, [Segment(d0, 0x2000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.Pages, Is.EqualTo(new[] { new KimagePage(d0, 0x60000), new KimagePage(d1, d1) }));
            Assert.That(layout.ParkedPages, Is.Empty);
            Assert.That(layout.Exchanges, Is.Zero);
        });
    }

    [Test]
    public void Crash_images_are_copied_into_crashkernel_with_no_entries_and_no_swap_page()
    {
        var bed = new KernelTestBed(Standard());
        var crash = StandardCrashKernel.Start;
        bed.Memory.Write(crash + 0x1000, Enumerable.Repeat((byte)0xCC, 0x2000).ToArray());

        var result = bed.Kernel.KexecLoad(crash + 0x1000, [Segment(crash + 0x1000, 0x2000, 0x1800, 0x11)], KexecFlags.OnCrash | P);

        var layout = result.Layout!;
        Assert.Multiple(() =>
        {
            Assert.That(layout.Type, Is.EqualTo(KimageType.Crash));
            Assert.That(layout.Head, Is.EqualTo(KimageEntry.Done));
            Assert.That(layout.IndirectionPages, Is.Empty);
            Assert.That(layout.Pages, Is.Empty);
            Assert.That(layout.SwapPage, Is.Null);
            Assert.That(layout.PreserveContext, Is.True);
            Assert.That(layout.ControlPages, Is.EqualTo(new[] { crash }));
            Assert.That(bed.Memory.ReadBytes(crash + 0x1000, 0x2000), Is.EqualTo(Enumerable.Repeat((byte)0x11, 0x1800).Concat(new byte[0x800])));
            Assert.That(bed.Kernel.NormalImage, Is.Null);
            Assert.That(bed.Kernel.CrashImage, Is.Not.Null);
        });
    }

    [Test]
    public void Crash_control_page_skips_past_a_segment_at_the_start_of_crashkernel()
    {
        var bed = new KernelTestBed(Standard());
        var crash = StandardCrashKernel.Start;

        var layout = bed.Kernel.KexecLoad(crash, [Segment(crash, 0x3000)], KexecFlags.OnCrash).Layout!;

        Assert.That(layout.ControlPages, Is.EqualTo(new[] { crash + 0x3000 }));
    }

    [Test]
    public void Unload_and_replacement_return_every_page_to_the_allocator()
    {
        var bed = new KernelTestBed(NoCrash());
        var free = bed.Allocator.FreePages;

        bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x100000)], P);
        var afterFirst = bed.Allocator.FreePages;
        bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x100000)], P);
        var afterSecond = bed.Allocator.FreePages;
        var unload = bed.Kernel.KexecLoad(0, [], 0);

        Assert.Multiple(() =>
        {
            Assert.That(afterFirst, Is.EqualTo(free - 256 - 3));
            Assert.That(afterSecond, Is.EqualTo(afterFirst));
            Assert.That(unload.ReturnValue, Is.Zero);
            Assert.That(bed.Kernel.NormalImage, Is.Null);
            Assert.That(bed.Allocator.FreePages, Is.EqualTo(free));
        });
    }

    [Test]
    public void A_failed_load_frees_its_pages_and_keeps_the_old_image()
    {
        var bed = new KernelTestBed(NoCrash());
        var old = bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000)], P).Layout!;
        var free = bed.Allocator.FreePages;

        var failed = bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000, 0x800) with { BufSize = 0x1000 }], P);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Errno, Is.EqualTo(Errno.EFAULT));
            Assert.That(bed.Allocator.FreePages, Is.EqualTo(free));
            Assert.That(bed.Kernel.NormalImage, Is.EqualTo(old).Using<KimageLayout>(SameLayout));
        });
    }

    [Test]
    public void A_failed_crash_load_has_already_freed_the_old_crash_image()
    {
        var bed = new KernelTestBed(Standard());
        var crash = StandardCrashKernel.Start;
        bed.Kernel.KexecLoad(crash, [Segment(crash, 0x1000)], KexecFlags.OnCrash);

        var failed = bed.Kernel.KexecLoad(0, [Segment(crash, 0x1000)], KexecFlags.OnCrash);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Row, Is.EqualTo(10));
            Assert.That(bed.Kernel.CrashImage, Is.Null);
        });
    }

    [Test]
    public void Unloading_the_crash_image_leaves_the_normal_image()
    {
        var bed = new KernelTestBed(Standard());
        var crash = StandardCrashKernel.Start;
        bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000)], P);
        bed.Kernel.KexecLoad(crash, [Segment(crash, 0x1000)], KexecFlags.OnCrash);

        var result = bed.Kernel.KexecLoad(0, [], KexecFlags.OnCrash);

        Assert.Multiple(() =>
        {
            Assert.That(result.Row, Is.EqualTo(9));
            Assert.That(bed.Kernel.CrashImage, Is.Null);
            Assert.That(bed.Kernel.NormalImage, Is.Not.Null);
        });
    }

    [Test]
    public void Load_limit_is_spent_even_by_a_call_that_fails_later()
    {
        var bed = new KernelTestBed(Standard() with { LoadLimitReboot = 2 });

        var unaligned = bed.Kernel.KexecLoad(0, [Segment(0x100800, 0x1000)], 0);
        var loaded = bed.Kernel.KexecLoad(0, [Segment(0x100000, 0x1000)], 0);
        var refused = bed.Kernel.KexecLoad(0, [Segment(0x100000, 0x1000)], 0);

        Assert.Multiple(() =>
        {
            Assert.That(unaligned.Row, Is.EqualTo(13));
            Assert.That(loaded.ReturnValue, Is.Zero);
            Assert.That((refused.Errno, refused.Row), Is.EqualTo((Errno.EPERM, 1)));
            Assert.That(bed.Kernel.LoadLimitReboot, Is.Zero);
        });
    }

    [Test]
    public void I386_pages_at_or_above_4_GiB_are_put_on_the_unusable_list()
    {
        var config = NoCrash(KernelEra.K27, KernelArch.I386) with
        {
            Ram = [new PhysicalRange(0, 16 * Mib), new PhysicalRange(1UL << 32, 0x10000)],
        };
        var bed = new KernelTestBed(config);

        var layout = bed.Kernel.KexecLoad(0x100000, [Segment(0x400000, 0x2000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.UnusablePages, Has.Count.EqualTo(16));
            Assert.That(layout.UnusablePages.All(p => p >= 1UL << 32), Is.True);
            Assert.That(layout.Pages.All(p => p.Source < 16 * Mib), Is.True);
            Assert.That(layout.IndirectionPages.Concat(layout.ControlPages).All(p => p < 16 * Mib), Is.True);
        });
    }

    [Test]
    public void Machine_kexec_prepare_takes_control_pages_outside_the_destinations()
    {
        var bed = new KernelTestBed(NoCrash());
        bed.Kernel.MachineKexecPrepare = context =>
        {
            for (var i = 0; i < 3; i++)
            {
                if (context.AllocateControlPages(0) is null)
                {
                    return Errno.ENOMEM;
                }
            }

            return 0;
        };

        var layout = bed.Kernel.KexecLoad(0x100000, [Segment(Top - 0x8000, 0x8000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.PreparePages, Has.Count.EqualTo(3));
            Assert.That(KimageInvariants.Check(layout), Is.Empty);
        });
    }

    [Test]
    public void A_failing_machine_kexec_prepare_fails_the_load_with_its_errno()
    {
        var bed = new KernelTestBed(NoCrash());
        bed.Kernel.MachineKexecPrepare = _ => Errno.EOPNOTSUPP;

        var result = bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000)], P);

        Assert.That((result.Errno, result.Row), Is.EqualTo((Errno.EOPNOTSUPP, 23)));
    }

    [Test]
    public void Set_normal_image_start_replaces_the_entry_point()
    {
        var bed = new KernelTestBed(NoCrash());
        bed.Kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000)], P);

        bed.Kernel.SetNormalImageStart(0x3FFF123);

        Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(0x3FFF123));
    }

    [Test]
    public void Create_keeps_the_kernels_own_pages_out_of_the_kimage()
    {
        var config = NoCrash();
        var memory = new SparsePhysicalMemory(Top);
        var kernel = KernelModel.Create(config, memory, [Top - 0x1000, Top - 0x2000]);

        var layout = kernel.KexecLoad(0x100000, [Segment(0x1000000, 0x1000)], P).Layout!;

        Assert.Multiple(() =>
        {
            Assert.That(layout.ControlPages, Is.EqualTo(new[] { Top - 0x3000 }));
            Assert.That(kernel.Allocator.Manages(Top - 0x1000), Is.False);
        });
    }

    private static bool SameLayout(KimageLayout a, KimageLayout b) =>
        a.Head == b.Head && a.Start == b.Start && a.Pages.SequenceEqual(b.Pages) && a.IndirectionPages.SequenceEqual(b.IndirectionPages)
        && a.ControlPages.SequenceEqual(b.ControlPages) && a.SwapPage == b.SwapPage;
}
