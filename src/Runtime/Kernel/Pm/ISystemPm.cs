namespace KjTest.Runtime.Kernel.Pm;

/// <summary>The system-wide steps of <c>kernel_kexec()</c> that can fail or that the machine must act on.</summary>
public interface ISystemPm
{
    /// <summary><c>freeze_processes()</c>: 0 or a positive errno (kernel_kexec turns any failure into EBUSY).</summary>
    int FreezeProcesses();

    /// <summary><c>thaw_processes()</c>.</summary>
    void ThawProcesses();

    /// <summary><c>suspend_disable_secondary_cpus()</c> / <c>disable_nonboot_cpus()</c>: 0 or a positive errno.</summary>
    int DisableSecondaryCpus();

    /// <summary><c>suspend_enable_secondary_cpus()</c> / <c>enable_nonboot_cpus()</c>.</summary>
    void EnableSecondaryCpus();

    /// <summary><c>syscore_suspend()</c> (sysdev_suspend before 3.x): 0 or a positive errno; it undoes its own partial work.</summary>
    int SyscoreSuspend();

    /// <summary><c>syscore_resume()</c>.</summary>
    void SyscoreResume();

    /// <summary>
    /// kernel_kexec reached the transition point <paramref name="point"/> (a name of reference section 9's points: a
    /// device callback phase as it starts, or one of <c>before_freeze</c>, <c>after_freeze_processes</c>,
    /// <c>after_syscore_suspend</c>, <c>after_machine_kexec</c>, <c>after_thaw</c>). False when the machine did not
    /// survive what happened there: kernel_kexec then never continues.
    /// </summary>
    bool At(string point) => true;

    /// <summary><c>local_irq_disable()</c>: the CPU stops taking maskable interrupts.</summary>
    void LocalIrqDisable()
    {
    }

    /// <summary>
    /// <c>local_irq_enable()</c>: the CPU takes maskable interrupts again, pending ones first. False when the machine did
    /// not survive one.
    /// </summary>
    bool LocalIrqEnable() => true;
}
