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
                var first = (range.Start + KernelConstants.PageOffsetMask) & ~KernelConstants.PageOffsetMask;
                for (var page = first; page + KernelConstants.PageSize <= range.End && page >= first; page += KernelConstants.PageSize)
                {
                    if (!IsReserved(page))
                    {
                        count++;
                    }
                }
            }

            return count;
        }
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
