using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>K30: x86-64 from 2.6.30 to 6.13 (two control pages, page_list, the GDT not restored: B1, re-entry above the swap page: B4).</summary>
public static class K30Era
{
    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.K30,
        Name = "k30",
        Kernels = "Linux 2.6.30 to 6.13 (x86_64)",
        Arches = [KernelArch.X86_64],
        Sequence = new(
            KernelEra.K30,
            [
                new(KernelKexecStep.LockSleep, "lock_system_sleep"),
                new(KernelKexecStep.PrepareConsole, "pm_prepare_console"),
                new(KernelKexecStep.FreezeProcesses, "freeze_processes", KernelKexecSequence.RestoreConsole),
                new(KernelKexecStep.SuspendConsole, "suspend_console"),
                new(KernelKexecStep.DpmSuspendStart, "dpm_suspend_start", KernelKexecSequence.ResumeConsole),
                new(KernelKexecStep.DpmSuspendEnd, "dpm_suspend_end", KernelKexecSequence.ResumeDevices),
                new(KernelKexecStep.DisableCpus, "disable_nonboot_cpus", KernelKexecSequence.EnableCpus),
                new(KernelKexecStep.IrqDisable, "local_irq_disable"),
                new(KernelKexecStep.SyscoreSuspend, "syscore_suspend", KernelKexecSequence.EnableIrqs),
            ],
            [
                new(null, KernelKexecStep.SyscoreResume, "syscore_resume"),
                new(KernelKexecSequence.EnableIrqs, KernelKexecStep.IrqEnable, "local_irq_enable"),
                new(KernelKexecSequence.EnableCpus, KernelKexecStep.EnableCpus, "enable_nonboot_cpus"),
                new(null, KernelKexecStep.DpmResumeStart, "dpm_resume_start"),
                new(KernelKexecSequence.ResumeDevices, KernelKexecStep.DpmResumeEnd, "dpm_resume_end"),
                new(KernelKexecSequence.ResumeConsole, KernelKexecStep.ResumeConsole, "resume_console"),
                new(null, KernelKexecStep.ThawProcesses, "thaw_processes"),
                new(KernelKexecSequence.RestoreConsole, KernelKexecStep.RestoreConsole, "pm_restore_console"),
                new(null, KernelKexecStep.UnlockSleep, "unlock_system_sleep"),
            ]),
        Interface = RelocateInterface.PageList,
        ModernKexecLoad = false,
        HasKexecLoadDisabled = true,
        InclusiveDestinationEnd = false,
        IdentityRootInControlPage = true,
        InvalidatesTablesInMachineKexec = true,
        PushesZeroWord = true,
        ReservesReentrySlot = false,
        OnlyJumpSwaps = false,
        HasDebugIdt = false,
        SleepLockCanDeadlock = true,
        KnownFlags = KexecFlags.OnCrash,
        ControlPageRoles = ["the first control page, the root of the identity page table", "the second control page, holding relocate_kernel's code"],
        Bugs = new[]
        {
            BugSupport.Not("B1", BugStatus.EraBehaviour, "B1 (GDT not restored after the return) is this era's own machine_kexec: every k30 jump has it"),
            BugSupport.Not("B4", BugStatus.EraBehaviour, "B4 (re-entry point read above the swap page) is this era's own relocate_kernel: every k30 jump has it"),
            BugSupport.Injectable("B2", RelocateBug.B2),
            BugSupport.Injectable("B2a", RelocateBug.B2a),
            BugSupport.Injectable("B3", RelocateBug.B3),
        }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase),
    };
}
