using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>K27: the first kexec jump, i386 (2.6.27): device_power_down/up run only the noirq callbacks, no syscore.</summary>
public static class K27Era
{
    private const string NoLatePhases = "kernel_kexec of era k27 has no such phase (device_power_down and device_power_up run only the noirq callbacks, reference 4.1)";

    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.K27,
        Name = "k27",
        Kernels = "Linux 2.6.27 (i386)",
        Arches = [KernelArch.I386],
        Sequence = new(
            KernelEra.K27,
            [
                new(KernelKexecStep.LockSleep, "mutex_lock(&pm_mutex)"),
                new(KernelKexecStep.PrepareConsole, "pm_prepare_console"),
                new(KernelKexecStep.FreezeProcesses, "freeze_processes", KernelKexecSequence.RestoreConsole),
                new(KernelKexecStep.SuspendConsole, "suspend_console"),
                new(KernelKexecStep.DpmSuspendStart, "device_suspend", KernelKexecSequence.ResumeConsole),
                new(KernelKexecStep.DisableCpus, "disable_nonboot_cpus", KernelKexecSequence.ResumeDevices),
                new(KernelKexecStep.DevicePmLock, "device_pm_lock"),
                new(KernelKexecStep.IrqDisable, "local_irq_disable"),
                new(KernelKexecStep.DevicePowerDown, "device_power_down", KernelKexecSequence.EnableIrqs),
            ],
            [
                new(null, KernelKexecStep.DevicePowerUp, "device_power_up"),
                new(KernelKexecSequence.EnableIrqs, KernelKexecStep.IrqEnable, "local_irq_enable"),
                new(null, KernelKexecStep.DevicePmUnlock, "device_pm_unlock"),
                new(null, KernelKexecStep.EnableCpus, "enable_nonboot_cpus"),
                new(KernelKexecSequence.ResumeDevices, KernelKexecStep.DpmResumeEnd, "device_resume"),
                new(KernelKexecSequence.ResumeConsole, KernelKexecStep.ResumeConsole, "resume_console"),
                new(null, KernelKexecStep.ThawProcesses, "thaw_processes"),
                new(KernelKexecSequence.RestoreConsole, KernelKexecStep.RestoreConsole, "pm_restore_console"),
                new(null, KernelKexecStep.UnlockSleep, "mutex_unlock(&pm_mutex)"),
            ]),
        Interface = RelocateInterface.PageList,
        ModernKexecLoad = false,
        HasKexecLoadDisabled = false,
        InclusiveDestinationEnd = false,
        IdentityRootInControlPage = false,
        InvalidatesTablesInMachineKexec = true,
        PushesZeroWord = false,
        ReservesReentrySlot = false,
        OnlyJumpSwaps = false,
        HasDebugIdt = false,
        SleepLockCanDeadlock = false,
        KnownFlags = KexecFlags.OnCrash,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        MissingPoints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["freeze_late"] = NoLatePhases,
            ["restore_early"] = NoLatePhases,
        },
        Bugs = new[]
        {
            BugSupport.Not("B4", BugStatus.EraBehaviour, "B4 (re-entry point read above the swap page) is the i386 relocate_kernel's own behaviour: every k27 jump has it"),
            BugSupport.Injectable("B2", RelocateBug.B2),
            BugSupport.Injectable("B2a", RelocateBug.B2a),
            BugSupport.Injectable("B3", RelocateBug.B3),
        }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase),
    };
}
