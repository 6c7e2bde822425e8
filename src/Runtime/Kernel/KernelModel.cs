using KjTest.Abi;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel;

/// <summary>
/// One modelled kernel's kexec state: the normal and crash images (built in guest RAM), the kexec lock and the
/// load-limit counters; and its <c>kexec_load</c> and <c>reboot</c> system calls as Linux performs them per era.
/// </summary>
public sealed partial class KernelModel
{
    private readonly IPhysicalMemory _memory;
    private readonly KexecArchLimits _limits;
    private readonly ulong _totalRamPages;
    private Kimage? _normal;
    private Kimage? _crash;

    /// <summary>Creates the kernel's kexec state over <paramref name="memory"/>, taking pages from <paramref name="allocator"/>.</summary>
    public KernelModel(KernelConfig config, IPhysicalMemory memory, KernelPageAllocator allocator)
    {
        Config = config;
        _memory = memory;
        Allocator = allocator;
        _limits = KexecArchLimits.For(config.Arch);
        _totalRamPages = config.TotalRamPages;
        LoadLimitReboot = config.LoadLimitReboot;
        LoadLimitPanic = config.LoadLimitPanic;
    }

    /// <summary>
    /// A kernel over <paramref name="memory"/> whose page allocator holds every free RAM page of <paramref name="config"/>
    /// except <paramref name="occupiedPages"/> (the pages the kernel's own state uses), in descending order or, with
    /// <paramref name="shuffleSeed"/>, in a seeded shuffled order.
    /// </summary>
    public static KernelModel Create(KernelConfig config, IPhysicalMemory memory, IEnumerable<ulong> occupiedPages, ulong? shuffleSeed = null) =>
        new(config, memory, KernelPageAllocator.FromConfig(config, occupiedPages, shuffleSeed));

    /// <summary>The kernel's configuration.</summary>
    public KernelConfig Config { get; }

    /// <summary>What the kernel's era does.</summary>
    public Eras.EraTraits Traits => Eras.EraTable.Of(Config.Era);

    /// <summary>The page allocator the kimage pages come from.</summary>
    public KernelPageAllocator Allocator { get; }

    /// <summary>Injected allocation failures for the ENOMEM rows of reference 2.3 (11, 20, 21, 25).</summary>
    public AllocationFailurePolicy AllocationFailures { get; } = new();

    /// <summary>Whether the kexec lock (__kexec_lock, kexec_mutex or kexec_lock by era) is held.</summary>
    public bool KexecLockHeld { get; private set; }

    /// <summary>Current kexec_load_limit_reboot counter.</summary>
    public int LoadLimitReboot { get; private set; }

    /// <summary>Current kexec_load_limit_panic counter.</summary>
    public int LoadLimitPanic { get; private set; }

    /// <summary>The loaded normal image (kexec_image), or null.</summary>
    public KimageLayout? NormalImage => _normal?.ToLayout();

    /// <summary>The loaded crash image (kexec_crash_image), or null.</summary>
    public KimageLayout? CrashImage => _crash?.ToLayout();

    /// <summary>
    /// <c>machine_kexec_prepare()</c> (reference 2.3 row 23): called with the image once its control and swap pages
    /// exist and before its segments load; returns 0 or a positive errno. Null does nothing, as i386 needs no tables here.
    /// </summary>
    public Func<KimagePrepareContext, int>? MachineKexecPrepare { get; set; }

    /// <summary>Takes the kexec lock as another task would, so calls meet EBUSY (a test and fault-injection hook).</summary>
    public void HoldKexecLock() => KexecLockHeld = true;

    /// <summary>Releases a lock taken with <see cref="HoldKexecLock"/>.</summary>
    public void ReleaseKexecLock() => KexecLockHeld = false;

    /// <summary>Replaces the normal image's entry point, as <c>machine_kexec</c> does with the peer's re-entry point.</summary>
    public void SetNormalImageStart(ulong start)
    {
        if (_normal is null)
        {
            throw new InvalidOperationException("No normal image is loaded.");
        }

        _normal.Start = start & _limits.WordMask;
    }

    /// <summary><c>kexec_load(entry, segments.Count, segments, flags)</c> from a native caller whose array is readable.</summary>
    public KexecLoadResult KexecLoad(ulong entry, IReadOnlyList<KexecSegment> segments, ulong flags) =>
        KexecLoad(entry, (ulong)segments.Count, new KexecSegmentList(segments), flags);

    /// <summary>
    /// <c>kexec_load(entry, nr_segments, segments, flags)</c>: the checks of reference 2.3 in the order and with the errno
    /// of the configured era, then the kimage built in guest RAM and installed.
    /// </summary>
    /// <remarks>
    /// On i386 every argument is an <c>unsigned long</c>, so the upper 32 bits of the values given are dropped.
    /// Row 11 (kmalloc of struct kimage) fails only when <see cref="AllocationFailures"/> says so. Not modelled: row 19 (accept_memory, a no-op without TDX/SNP), row 24
    /// (vmcoreinfo copy) and the architecture part of row 23 other than <see cref="MachineKexecPrepare"/>.
    /// K27 and K30 copy the segment array under the lock (for crash loads after the entry check), as
    /// do_kimage_alloc did; K30's compat entry checks the arch and count and copies before the capability check.
    /// </remarks>
    public KexecLoadResult KexecLoad(ulong entry, ulong nrSegments, IKexecSegmentSource source, ulong flags)
    {
        var mask = _limits.WordMask;
        entry &= mask;
        nrSegments &= mask;
        flags &= mask;
        var modern = Traits.ModernKexecLoad;
        var compat = source.IsCompat && Config.Arch == KernelArch.X86_64;
        var arch = flags & KexecFlags.ArchMask;
        var native = KexecLegalFlags.NativeArch(Config.Arch);
        IReadOnlyList<KexecSegment>? segments = null;

        if (compat && !modern)
        {
            // Old compat_sys_kexec_load checked and copied before calling the native syscall.
            if (arch == KexecFlags.ArchDefault)
            {
                return Fail(6, Errno.EINVAL);
            }

            if (nrSegments > KernelConstants.SegmentMax)
            {
                return Fail(5, Errno.EINVAL);
            }

            var copy = source.Copy(nrSegments);
            if (copy.Faulted)
            {
                return Fail(7, Errno.EFAULT);
            }

            segments = copy.Segments;
        }

        if (!Config.CapSysBoot || (Traits.HasKexecLoadDisabled && Config.KexecLoadDisabled))
        {
            return Fail(1, Errno.EPERM);
        }

        if (modern)
        {
            if (!TakeLoadLimit((flags & KexecFlags.OnCrash) != 0))
            {
                return Fail(1, Errno.EPERM);
            }

            if (Config.LsmErrno != 0)
            {
                return Fail(2, Config.LsmErrno);
            }

            if (Config.Lockdown)
            {
                return Fail(3, Errno.EPERM);
            }
        }

        if ((flags & Traits.LegalFlags(Config.KexecJump)) != (flags & ~KexecFlags.ArchMask & mask))
        {
            return Fail(4, Errno.EINVAL);
        }

        if (modern)
        {
            if (nrSegments > KernelConstants.SegmentMax)
            {
                return Fail(5, Errno.EINVAL);
            }

            if (compat ? arch == KexecFlags.ArchDefault : arch != native && arch != KexecFlags.ArchDefault)
            {
                return Fail(6, Errno.EINVAL);
            }

            var copy = source.Copy(nrSegments);
            if (copy.Faulted)
            {
                return new KexecLoadResult(compat ? (long)copy.Residue : -Errno.EFAULT, 7, null);
            }

            segments = copy.Segments;
        }
        else
        {
            if (arch != native && arch != KexecFlags.ArchDefault)
            {
                return Fail(6, Errno.EINVAL);
            }

            if (nrSegments > KernelConstants.SegmentMax)
            {
                return Fail(5, Errno.EINVAL);
            }
        }

        if (KexecLockHeld)
        {
            return Fail(8, Errno.EBUSY);
        }

        KexecLockHeld = true;
        try
        {
            return LoadLocked(entry, nrSegments, source, segments, flags);
        }
        finally
        {
            KexecLockHeld = false;
        }
    }

    private KexecLoadResult LoadLocked(ulong entry, ulong nrSegments, IKexecSegmentSource source, IReadOnlyList<KexecSegment>? segments, ulong flags)
    {
        var crash = (flags & KexecFlags.OnCrash) != 0;
        if (nrSegments == 0)
        {
            if (crash)
            {
                FreeImage(ref _crash);
            }
            else
            {
                FreeImage(ref _normal);
            }

            return new KexecLoadResult(0, 9, null);
        }

        var crashStart = Config.CrashKernel?.Start ?? 0;
        var crashEnd = Config.CrashKernel?.Last ?? 0;
        if (crash)
        {
            FreeImage(ref _crash);
            if (entry < crashStart || entry > crashEnd)
            {
                return Fail(10, Errno.EADDRNOTAVAIL);
            }
        }

        if (AllocationFailures.ShouldFail(KernelAllocation.Kimage))
        {
            return Fail(11, Errno.ENOMEM);
        }

        if (segments is null)
        {
            // Before the syscall rework the array was copied inside the lock, by do_kimage_alloc.
            var copy = source.Copy(nrSegments);
            if (copy.Faulted)
            {
                return Fail(7, Errno.EFAULT);
            }

            segments = copy.Segments;
        }

        var kimageSegments = segments
            .Select(s => new KimageSegment(s.Mem & _limits.WordMask, s.MemSize & _limits.WordMask, s.BufSize & _limits.WordMask))
            .ToArray();
        var check = SanityCheck(kimageSegments, crash, crashStart, crashEnd);
        if (check.Errno != 0)
        {
            return Fail(check.Row, check.Errno);
        }

        var image = new Kimage(Config, _memory, Allocator, crash ? KimageType.Crash : KimageType.Default, entry, kimageSegments, AllocationFailures);
        var (row, errno) = Build(image, segments, flags);
        if (errno != 0)
        {
            image.Free();
            return Fail(row, errno);
        }

        if (crash)
        {
            (_crash, var old) = (image, _crash);
            old?.Free();
        }
        else
        {
            (_normal, var old) = (image, _normal);
            old?.Free();
        }

        return new KexecLoadResult(0, 26, image.ToLayout());
    }

    private (int Row, int Errno) Build(Kimage image, IReadOnlyList<KexecSegment> segments, ulong flags)
    {
        if (!image.AllocateControlCodePage(ControlCodeOrder))
        {
            return (20, Errno.ENOMEM);
        }

        if (image.Type == KimageType.Default && !image.AllocateSwapPage())
        {
            return (21, Errno.ENOMEM);
        }

        image.PreserveContext = (flags & KexecFlags.PreserveContext) != 0;

        if (MachineKexecPrepare is { } prepare)
        {
            var errno = prepare(new KimagePrepareContext(image));
            if (errno != 0)
            {
                return (23, errno);
            }
        }

        foreach (var segment in segments)
        {
            var errno = image.LoadSegment(segment);
            if (errno != 0)
            {
                return (25, errno);
            }
        }

        image.Terminate();
        return (26, 0);
    }

    /// <summary>get_order(KEXEC_CONTROL_PAGE_SIZE): two pages on x86-64 before 6.14, one otherwise.</summary>
    private int ControlCodeOrder =>
        Traits.ControlCodeOrder;

    /// <summary>sanity_check_segment_list plus the crash range check (reference 2.3 rows 12 to 18).</summary>
    private (int Row, int Errno) SanityCheck(KimageSegment[] segments, bool crash, ulong crashStart, ulong crashEnd)
    {
        var mask = _limits.WordMask;
        var modern = Traits.ModernKexecLoad;
        foreach (var segment in segments)
        {
            var mstart = segment.Mem;
            var mend = (mstart + segment.MemSize) & mask;
            if (modern && mstart > mend)
            {
                return (12, Errno.EADDRNOTAVAIL);
            }

            if ((mstart & KernelConstants.PageOffsetMask) != 0 || (mend & KernelConstants.PageOffsetMask) != 0)
            {
                return (13, Errno.EADDRNOTAVAIL);
            }

            if (mend >= _limits.DestinationLimit)
            {
                return (14, Errno.EADDRNOTAVAIL);
            }
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var mstart = segments[i].Mem;
            var mend = (mstart + segments[i].MemSize) & mask;
            for (var j = 0; j < i; j++)
            {
                var pstart = segments[j].Mem;
                var pend = (pstart + segments[j].MemSize) & mask;
                if (mend > pstart && mstart < pend)
                {
                    return (15, Errno.EINVAL);
                }
            }
        }

        foreach (var segment in segments)
        {
            if (segment.BufSize > segment.MemSize)
            {
                return (16, Errno.EINVAL);
            }
        }

        if (modern)
        {
            ulong total = 0;
            foreach (var segment in segments)
            {
                var pages = ((segment.MemSize + KernelConstants.PageSize - 1) & mask) >> KernelConstants.PageShift;
                if (pages > _totalRamPages / 2)
                {
                    return (17, Errno.EINVAL);
                }

                total += pages;
            }

            if (total > _totalRamPages / 2)
            {
                return (17, Errno.EINVAL);
            }
        }

        if (crash)
        {
            foreach (var segment in segments)
            {
                var mstart = segment.Mem;
                var mend = (mstart + segment.MemSize - 1) & mask;
                if (mstart < crashStart || mend > crashEnd)
                {
                    return (18, Errno.EADDRNOTAVAIL);
                }
            }
        }

        return (0, 0);
    }

    /// <summary>kexec_load_permitted's per-type limit: 0 refuses, a positive limit is decremented, -1 is unlimited.</summary>
    private bool TakeLoadLimit(bool crash)
    {
        var limit = crash ? LoadLimitPanic : LoadLimitReboot;
        if (limit == 0)
        {
            return false;
        }

        if (limit != -1)
        {
            limit--;
        }

        if (crash)
        {
            LoadLimitPanic = limit;
        }
        else
        {
            LoadLimitReboot = limit;
        }

        return true;
    }

    private static void FreeImage(ref Kimage? image)
    {
        image?.Free();
        image = null;
    }

    private static KexecLoadResult Fail(int row, int errno) => new(-errno, row, null);
}
