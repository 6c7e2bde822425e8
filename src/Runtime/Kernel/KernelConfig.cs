namespace KjTest.Runtime.Kernel;

/// <summary>The configuration and tunables of one modelled kernel that <c>kexec_load</c> and <c>reboot</c> consult.</summary>
public sealed record KernelConfig
{
    /// <summary>The era whose code is followed.</summary>
    public KernelEra Era { get; init; } = KernelEra.Cur;

    /// <summary>The architecture (word size, KEXEC_ARCH, limits).</summary>
    public KernelArch Arch { get; init; } = KernelArch.X86_64;

    /// <summary>System RAM ranges (e820 type 1).</summary>
    public IReadOnlyList<PhysicalRange> Ram { get; init; } = [];

    /// <summary>Ranges inside RAM that the page allocator never hands out (firmware, the kernel image, ...).</summary>
    public IReadOnlyList<PhysicalRange> Reserved { get; init; } = [];

    /// <summary>The crashkernel= reservation (crashk_res), or null when none; it is never handed out by the page allocator.</summary>
    public PhysicalRange? CrashKernel { get; init; }

    /// <summary>Whether the calling task has CAP_SYS_BOOT.</summary>
    public bool CapSysBoot { get; init; } = true;

    /// <summary>kernel.kexec_load_disabled (absent in K27, which predates the sysctl).</summary>
    public bool KexecLoadDisabled { get; init; }

    /// <summary>kernel.kexec_load_limit_reboot initial value: -1 unlimited, 0 refuses, n permits n calls (CUR, K614).</summary>
    public int LoadLimitReboot { get; init; } = -1;

    /// <summary>kernel.kexec_load_limit_panic initial value, as <see cref="LoadLimitReboot"/> for crash loads.</summary>
    public int LoadLimitPanic { get; init; } = -1;

    /// <summary>Whether the kernel is locked down (LOCKDOWN_KEXEC refused; CUR, K614).</summary>
    public bool Lockdown { get; init; }

    /// <summary>CONFIG_KEXEC_JUMP: whether KEXEC_PRESERVE_CONTEXT is a legal flag.</summary>
    public bool KexecJump { get; init; } = true;

    /// <summary>The positive errno an LSM/IMA hook returns for LOADING_KEXEC_IMAGE, or 0 to allow (CUR, K614).</summary>
    public int LsmErrno { get; init; }

    /// <summary>
    /// Whether <c>reboot()</c> holds <c>system_transition_mutex</c> while <c>kernel_kexec()</c> takes it again through
    /// <c>lock_system_sleep()</c> (K30 kernels 4.19 to 5.10 before the fix: bug B9, a deadlock).
    /// </summary>
    public bool SystemSleepLockDeadlock { get; init; }

    /// <summary>Number of RAM pages the page allocator manages (totalram_pages): RAM pages outside reserved ranges and crashkernel.</summary>
    public ulong TotalRamPages
    {
        get
        {
            ulong count = 0;
            foreach (var range in Ram)
            {
                foreach (var (first, last) in UsablePageRuns(range))
                {
                    count += ((last - first) / KernelConstants.PageSize) + 1;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// The whole pages of <paramref name="ram"/> that no reserved range nor crashkernel touches, as ascending runs of
    /// page addresses (first and last inclusive): the pages <see cref="IsReserved"/> passes, without a test per page.
    /// </summary>
    public IReadOnlyList<(ulong First, ulong Last)> UsablePageRuns(PhysicalRange ram)
    {
        const ulong mask = KernelConstants.PageOffsetMask;
        const ulong size = KernelConstants.PageSize;
        var runs = new List<(ulong First, ulong Last)>();
        var first = (ram.Start + mask) & ~mask;
        if (first < ram.Start || ram.End < first || ram.End - first < size)
        {
            return runs;
        }

        var last = first + ((ram.End - first - size) & ~mask);
        var blocked = new List<(ulong First, ulong Last)>(Reserved.Count + 1);
        foreach (var range in Reserved)
        {
            if (range.Length != 0)
            {
                blocked.Add((range.Start & ~mask, range.Last & ~mask));
            }
        }

        if (CrashKernel is { Length: not 0 } crash)
        {
            blocked.Add((crash.Start & ~mask, crash.Last & ~mask));
        }

        blocked.Sort();
        var next = first;
        foreach (var (from, to) in blocked)
        {
            if (to < next)
            {
                continue;
            }

            if (from > last)
            {
                break;
            }

            if (from > next)
            {
                runs.Add((next, from - size));
            }

            if (to >= last)
            {
                return runs;
            }

            next = to + size;
        }

        runs.Add((next, last));
        return runs;
    }

    /// <summary>Whether the page at <paramref name="pageAddress"/> touches a reserved range or the crashkernel range.</summary>
    public bool IsReserved(ulong pageAddress)
    {
        foreach (var range in Reserved)
        {
            if (range.TouchesPage(pageAddress))
            {
                return true;
            }
        }

        return CrashKernel is { } crash && crash.TouchesPage(pageAddress);
    }
}
