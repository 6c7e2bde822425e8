using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>What the two eras of the 6.14 rework (K614 and CUR) share: the routine whose regressions B2 to B6 are.</summary>
internal static class Modern
{
    /// <summary>The bugs a relocate_bug fault builds into the 6.14 routine.</summary>
    public static IReadOnlyDictionary<string, BugSupport> InjectableBugs() => new[]
    {
        BugSupport.Injectable("B2", RelocateBug.B2),
        BugSupport.Injectable("B2a", RelocateBug.B2a),
        BugSupport.Injectable("B3", RelocateBug.B3),
        BugSupport.Injectable("B4", RelocateBug.B4),
        BugSupport.Injectable("B5", RelocateBug.B5),
        BugSupport.Injectable("B6", RelocateBug.B6),
    }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// kernel_kexec of the 6.x kernels (reference 4.3), with the console calls as the era names them (CUR renamed
    /// suspend_console and resume_console to console_suspend_all and console_resume_all).
    /// </summary>
    public static KernelKexecSequence Sequence(KernelEra era, string suspendConsole, string resumeConsole) => new(
        era,
        [
            new(KernelKexecStep.PrepareConsole, "pm_prepare_console"),
            new(KernelKexecStep.FreezeProcesses, "freeze_processes", KernelKexecSequence.RestoreConsole),
            new(KernelKexecStep.SuspendConsole, suspendConsole),
            new(KernelKexecStep.DpmSuspendStart, "dpm_suspend_start", KernelKexecSequence.ResumeConsole),
            new(KernelKexecStep.DpmSuspendEnd, "dpm_suspend_end", KernelKexecSequence.ResumeDevices),
            new(KernelKexecStep.DisableCpus, "suspend_disable_secondary_cpus", KernelKexecSequence.EnableCpus),
            new(KernelKexecStep.IrqDisable, "local_irq_disable"),
            new(KernelKexecStep.SyscoreSuspend, "syscore_suspend", KernelKexecSequence.EnableIrqs),
            new(KernelKexecStep.KmsgDump, "kmsg_dump"),
        ],
        [
            new(null, KernelKexecStep.SyscoreResume, "syscore_resume"),
            new(KernelKexecSequence.EnableIrqs, KernelKexecStep.IrqEnable, "local_irq_enable"),
            new(KernelKexecSequence.EnableCpus, KernelKexecStep.EnableCpus, "suspend_enable_secondary_cpus"),
            new(null, KernelKexecStep.DpmResumeStart, "dpm_resume_start"),
            new(KernelKexecSequence.ResumeDevices, KernelKexecStep.DpmResumeEnd, "dpm_resume_end"),
            new(KernelKexecSequence.ResumeConsole, KernelKexecStep.ResumeConsole, resumeConsole),
            new(null, KernelKexecStep.ThawProcesses, "thaw_processes"),
            new(KernelKexecSequence.RestoreConsole, KernelKexecStep.RestoreConsole, "pm_restore_console"),
        ]);
}
