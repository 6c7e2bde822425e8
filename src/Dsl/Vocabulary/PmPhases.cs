namespace KjTest.Dsl.Vocabulary;

/// <summary>Device PM callbacks and transition points of <c>kernel_kexec</c> (reference kexec-jump.md sections 4.3 and 9).</summary>
public static class PmPhases
{
    /// <summary>Device callbacks in call order: PMSG_FREEZE then PMSG_RESTORE.</summary>
    public static IReadOnlyList<string> DeviceCallbacks { get; } =
        ["prepare", "freeze", "freeze_late", "freeze_noirq", "restore_noirq", "restore_early", "restore", "complete"];

    /// <summary>Points of the transition where an event (IRQ, NMI, DMA, clobber) can be injected.</summary>
    public static IReadOnlyList<string> Points { get; } =
    [
        "before_freeze", "after_freeze_processes", "prepare", "freeze", "freeze_late", "freeze_noirq", "after_syscore_suspend",
        "machine_kexec", "relocate_outbound", "callee", "relocate_return", "after_machine_kexec", "restore_noirq", "restore_early",
        "restore", "complete", "after_thaw",
    ];

    /// <summary>Steps of <c>kernel_kexec</c> that can fail with their own error (section 4.3 rollback).</summary>
    public static IReadOnlyList<string> KernelSteps { get; } =
        ["freeze_processes", "dpm_suspend_start", "dpm_suspend_end", "disable_secondary_cpus", "syscore_suspend"];
}
