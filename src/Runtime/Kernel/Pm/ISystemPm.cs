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
}
