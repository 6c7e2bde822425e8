namespace KjTest.Runtime.Kernel.Pm;

/// <summary>The actions the <c>kernel_kexec()</c> tables are made of (reference 4.1 to 4.3).</summary>
public enum KernelKexecStep
{
    /// <summary>Take pm_mutex (K27) or the system sleep lock (K30); cannot fail but can deadlock (B9).</summary>
    LockSleep,

    /// <summary>pm_prepare_console.</summary>
    PrepareConsole,

    /// <summary>freeze_processes; failure becomes EBUSY.</summary>
    FreezeProcesses,

    /// <summary>suspend_console / console_suspend_all.</summary>
    SuspendConsole,

    /// <summary>dpm_suspend_start(PMSG_FREEZE) / device_suspend: -&gt;prepare then -&gt;freeze, no rollback of its own.</summary>
    DpmSuspendStart,

    /// <summary>dpm_suspend_end(PMSG_FREEZE): -&gt;freeze_late then -&gt;freeze_noirq, rolling back its own partial work.</summary>
    DpmSuspendEnd,

    /// <summary>disable_nonboot_cpus / suspend_disable_secondary_cpus.</summary>
    DisableCpus,

    /// <summary>device_pm_lock (K27).</summary>
    DevicePmLock,

    /// <summary>local_irq_disable.</summary>
    IrqDisable,

    /// <summary>device_power_down(PMSG_FREEZE) (K27): -&gt;freeze_noirq then sysdev_suspend.</summary>
    DevicePowerDown,

    /// <summary>syscore_suspend (sysdev_suspend in 2.6.3x).</summary>
    SyscoreSuspend,

    /// <summary>kmsg_dump(KMSG_DUMP_SHUTDOWN).</summary>
    KmsgDump,

    /// <summary>device_power_up(PMSG_RESTORE) (K27): sysdev_resume then -&gt;restore_noirq.</summary>
    DevicePowerUp,

    /// <summary>syscore_resume.</summary>
    SyscoreResume,

    /// <summary>local_irq_enable.</summary>
    IrqEnable,

    /// <summary>device_pm_unlock (K27).</summary>
    DevicePmUnlock,

    /// <summary>enable_nonboot_cpus / suspend_enable_secondary_cpus.</summary>
    EnableCpus,

    /// <summary>dpm_resume_start(PMSG_RESTORE): -&gt;restore_noirq then -&gt;restore_early.</summary>
    DpmResumeStart,

    /// <summary>dpm_resume_end(PMSG_RESTORE) / device_resume: -&gt;restore then -&gt;complete.</summary>
    DpmResumeEnd,

    /// <summary>resume_console / console_resume_all.</summary>
    ResumeConsole,

    /// <summary>thaw_processes.</summary>
    ThawProcesses,

    /// <summary>pm_restore_console.</summary>
    RestoreConsole,

    /// <summary>Release pm_mutex (K27) or the system sleep lock (K30).</summary>
    UnlockSleep,
}
