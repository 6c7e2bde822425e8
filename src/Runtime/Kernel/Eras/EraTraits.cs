using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>
/// What one kernel era does, stated once (reference section 1 for the eras, 4 for kernel_kexec, 5 for machine_kexec,
/// 7 for the bugs). The kernel model and the planner ask these traits instead of testing the era; a new era is one
/// more instance in <see cref="EraTable"/>.
/// </summary>
public sealed record EraTraits
{
    /// <summary>The era's key.</summary>
    public required KernelEra Era { get; init; }

    /// <summary>The name scenarios write (<c>cur</c>, <c>k614</c>, <c>k30</c>, <c>k27</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The kernels the era stands for, for listings and diagnostics.</summary>
    public required string Kernels { get; init; }

    /// <summary>The architectures whose code the era models, the default first.</summary>
    public required IReadOnlyList<KernelArch> Arches { get; init; }

    /// <summary>The preserve-context half of kernel_kexec, with its rollback labels.</summary>
    public required KernelKexecSequence Sequence { get; init; }

    /// <summary>
    /// The low flag bits of KEXEC_FLAGS this kernel knows besides PRESERVE_CONTEXT (which CONFIG_KEXEC_JUMP adds):
    /// ON_CRASH, and since 6.6/6.10 UPDATE_ELFCOREHDR and CRASH_HOTPLUG_SUPPORT.
    /// </summary>
    public required ulong KnownFlags { get; init; }

    /// <summary>KEXEC_FLAGS: the flags <c>kexec_load</c> accepts in this era with or without CONFIG_KEXEC_JUMP.</summary>
    public ulong LegalFlags(bool kexecJump) => kexecJump ? KnownFlags | KexecFlags.PreserveContext : KnownFlags;

    /// <summary>What each page of the control code block holds, in order, as diagnostics name it.</summary>
    public required IReadOnlyList<string> ControlPageRoles { get; init; }

    /// <summary>How machine_kexec calls relocate_kernel.</summary>
    public required RelocateInterface Interface { get; init; }

    /// <summary>kexec_load as since 5.x and 6.x: load limits, LSM and lockdown hooks, the wraparound and half-of-RAM checks (reference 2.3).</summary>
    public required bool ModernKexecLoad { get; init; }

    /// <summary>Whether the kernel.kexec_load_disabled sysctl exists (3.14+; absent in 2.6.27).</summary>
    public required bool HasKexecLoadDisabled { get; init; }

    /// <summary>kimage_is_destination_range with the inclusive end of 6.8 (mend = mem + memsz - 1) rather than the half-open one.</summary>
    public required bool InclusiveDestinationEnd { get; init; }

    /// <summary>Whether x86-64 machine_kexec_prepare puts the identity table's root in the first control page (before 6.14).</summary>
    public required bool IdentityRootInControlPage { get; init; }

    /// <summary>Whether machine_kexec invalidates the IDT and GDT in C before calling relocate_kernel (before 6.14).</summary>
    public required bool InvalidatesTablesInMachineKexec { get; init; }

    /// <summary>Whether identity_mapped pushes the zero word under the start address that purgatory looks for (absent in 6.14: B6).</summary>
    public required bool PushesZeroWord { get; init; }

    /// <summary>Whether the callee's stack keeps a slot for its re-entry point below the swap page's top (fix 2cacf7f23a02; without it: B4).</summary>
    public required bool ReservesReentrySlot { get; init; }

    /// <summary>Whether only a kexec jump swaps pages and a plain kexec copies them once (since 9e5683e2d0b5).</summary>
    public required bool OnlyJumpSwaps { get; init; }

    /// <summary>Whether relocate_kernel installs the 16-vector debug IDT that prints and halts (reference 5.3 step 5).</summary>
    public required bool HasDebugIdt { get; init; }

    /// <summary>Whether kernel_kexec's lock_system_sleep can meet a system_transition_mutex held by reboot (B9, 4.19 to 5.10).</summary>
    public required bool SleepLockCanDeadlock { get; init; }

    /// <summary>get_order(KEXEC_CONTROL_PAGE_SIZE): the control code block's order.</summary>
    public int ControlCodeOrder => System.Numerics.BitOperations.Log2((uint)ControlPageRoles.Count);

    /// <summary>Transition points of reference section 9 that this era's kernel_kexec never reaches, each with why.</summary>
    public IReadOnlyDictionary<string, string> MissingPoints { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The bugs whose status in this era differs from <see cref="KnownBugs.Defaults"/>.</summary>
    public IReadOnlyDictionary<string, BugSupport> Bugs { get; init; } = new Dictionary<string, BugSupport>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How bug <paramref name="id"/> stands in this era, or null when the id is not in the catalogue.</summary>
    public BugSupport? Bug(string id) =>
        Bugs.TryGetValue(id, out var own) ? own : KnownBugs.Defaults.GetValueOrDefault(id);

    /// <summary>Whether this era's kernel_kexec runs <paramref name="step"/> in its suspend half, where a step failure can be injected.</summary>
    public bool Runs(KernelKexecStep step) => Sequence.Suspend.Any(s => s.Step == step);

    /// <summary>Whether the era models <paramref name="arch"/>.</summary>
    public bool Supports(KernelArch arch) => Arches.Contains(arch);
}
