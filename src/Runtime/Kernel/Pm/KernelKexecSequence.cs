using KjTest.Abi;

namespace KjTest.Runtime.Kernel.Pm;

/// <summary>
/// The preserve-context half of <c>kernel_kexec()</c> for one era, as data (the suspend steps with their failure
/// labels, the resume steps with their labels) and the logic that runs it: the suspend half in order, then
/// <c>machine_kexec</c>, then the mirror-image resume; on a failure, a jump to the step's label and the rest of the
/// resume half from there, which is exactly Linux's rollback, including its gap: a <c>dpm_suspend_start</c> failure
/// jumps to Resume_console and never calls <c>dpm_resume_end</c>, so devices frozen before the failure stay frozen (B14).
/// </summary>
public sealed class KernelKexecSequence
{
    /// <summary>kernel_kexec's label before resume_console.</summary>
    public const string ResumeConsole = "Resume_console";

    /// <summary>kernel_kexec's label before pm_restore_console.</summary>
    public const string RestoreConsole = "Restore_console";

    /// <summary>kernel_kexec's label before dpm_resume_end.</summary>
    public const string ResumeDevices = "Resume_devices";

    /// <summary>kernel_kexec's label before local_irq_enable.</summary>
    public const string EnableIrqs = "Enable_irqs";

    /// <summary>kernel_kexec's label before enabling the secondary CPUs.</summary>
    public const string EnableCpus = "Enable_cpus";

    /// <summary>A sequence of <paramref name="era"/>: its suspend half with failure labels, and its resume half.</summary>
    public KernelKexecSequence(KernelEra era, IReadOnlyList<PmSuspendStep> suspend, IReadOnlyList<PmResumeStep> resume)
    {
        Era = era;
        Suspend = suspend;
        Resume = resume;
    }

    /// <summary>The era this table follows.</summary>
    public KernelEra Era { get; }

    /// <summary>The suspend half, in order; <c>machine_kexec</c> follows the last step.</summary>
    public IReadOnlyList<PmSuspendStep> Suspend { get; }

    /// <summary>The resume half, in order, run in full after <c>machine_kexec</c> returns.</summary>
    public IReadOnlyList<PmResumeStep> Resume { get; }

    /// <summary>
    /// Runs the sequence. <paramref name="machineKexec"/> is called once the suspend half succeeded; when it does not
    /// return, neither does the sequence. <paramref name="sleepLockDeadlocks"/> makes the K30 <c>lock_system_sleep</c>
    /// block for ever (B9).
    /// </summary>
    public KernelKexecResult Run(IDevicePm devices, ISystemPm system, Func<MachineKexecResult> machineKexec, bool sleepLockDeadlocks = false)
    {
        var run = new PmRun(devices, system);
        var error = 0;
        string? jumpTo = null;
        foreach (var step in Suspend)
        {
            if (step.Step == KernelKexecStep.LockSleep && sleepLockDeadlocks)
            {
                run.Trace.Add(new PmCall(step.Name, null, Errno.EDEADLK));
                return run.Result(0, KernelKexecOutcome.Deadlocked);
            }

            if (step.Step == KernelKexecStep.FreezeProcesses && !run.At("before_freeze"))
            {
                return run.Result(0, KernelKexecOutcome.NeverReturned);
            }

            var result = run.Do(step.Step, step.Name);
            if (run.Gone)
            {
                return run.Result(0, KernelKexecOutcome.NeverReturned);
            }

            if (result != 0 && step.OnFailure is not null)
            {
                error = step.Step == KernelKexecStep.FreezeProcesses ? Errno.EBUSY : result;
                jumpTo = step.OnFailure;
                break;
            }

            var after = step.Step switch
            {
                KernelKexecStep.FreezeProcesses => "after_freeze_processes",
                KernelKexecStep.SyscoreSuspend or KernelKexecStep.DevicePowerDown => "after_syscore_suspend",
                _ => null,
            };
            if (after is not null && !run.At(after))
            {
                return run.Result(0, KernelKexecOutcome.NeverReturned);
            }
        }

        var from = 0;
        if (jumpTo is null)
        {
            var back = machineKexec();
            run.Trace.Add(new PmCall("machine_kexec", null, 0));
            if (!back.Returned || !run.At("after_machine_kexec"))
            {
                return run.Result(0, KernelKexecOutcome.NeverReturned);
            }
        }
        else
        {
            from = Resume.Select((s, i) => (s, i)).First(p => p.s.Label == jumpTo).i;
        }

        for (var i = from; i < Resume.Count; i++)
        {
            run.Do(Resume[i].Step, Resume[i].Name);
            if (run.Gone || (Resume[i].Step == KernelKexecStep.ThawProcesses && !run.At("after_thaw")))
            {
                return run.Result(0, KernelKexecOutcome.NeverReturned);
            }
        }

        return run.Result(-error, KernelKexecOutcome.Returned);
    }

    /// <summary>
    /// The path of an image without preserve_context (or a kernel without CONFIG_KEXEC_JUMP): shut down and
    /// <c>machine_kexec</c>, which does not return.
    /// </summary>
    public static KernelKexecResult RunPlain(IDevicePm devices, ISystemPm system, Func<MachineKexecResult> machineKexec)
    {
        var run = new PmRun(devices, system);
        foreach (var name in new[] { "kernel_restart_prepare", "migrate_to_reboot_cpu", "syscore_shutdown", "machine_shutdown", "kmsg_dump" })
        {
            run.Trace.Add(new PmCall(name, null, 0));
        }

        machineKexec();
        run.Trace.Add(new PmCall("machine_kexec", null, 0));
        return run.Result(0, KernelKexecOutcome.NeverReturned);
    }
}
