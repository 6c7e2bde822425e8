using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>
/// What one kernel era does, stated once (reference section 1 for the eras, 4 for kernel_kexec, 5 for machine_kexec,
/// 7 for the bugs). The kernel model and the planner ask these traits instead of testing the era; a new era is one
/// more instance in <see cref="Eras"/>.
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
