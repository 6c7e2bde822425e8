namespace KjTest.Runtime.Kernel.Pm;

/// <summary>
/// One run of the device PM phases of drivers/base/power/main.c over the dpm lists: each phase walks the devices on
/// one list in Linux's direction (prepare, resume phases forward; suspend phases and complete backward) and moves
/// each device it handled to the next list.
/// </summary>
internal sealed class PmRun
{
    private readonly IDevicePm _devices;
    private readonly ISystemPm _system;
    private readonly DevicePmStage[] _stages;

    internal PmRun(IDevicePm devices, ISystemPm system)
    {
        _devices = devices;
        _system = system;
        _stages = new DevicePmStage[devices.DeviceCount];
    }

    internal List<PmCall> Trace { get; } = [];

    /// <summary>True once the machine did not survive a transition point or an interrupt: nothing runs after that.</summary>
    internal bool Gone { get; private set; }

    /// <summary>Tells the system the sequence reached <paramref name="point"/>; false when the machine is gone.</summary>
    internal bool At(string point)
    {
        Gone = Gone || !_system.At(point);
        return !Gone;
    }

    internal KernelKexecResult Result(long value, KernelKexecOutcome outcome) => new(value, outcome, Trace, [.. _stages]);

    /// <summary>Performs one step; returns 0 or the errno of a step that can fail.</summary>
    internal int Do(KernelKexecStep step, string name)
    {
        switch (step)
        {
            case KernelKexecStep.FreezeProcesses:
                return Call(name, _system.FreezeProcesses());
            case KernelKexecStep.ThawProcesses:
                _system.ThawProcesses();
                return Call(name, 0);
            case KernelKexecStep.DisableCpus:
                return Call(name, _system.DisableSecondaryCpus());
            case KernelKexecStep.EnableCpus:
                _system.EnableSecondaryCpus();
                return Call(name, 0);
            case KernelKexecStep.SyscoreSuspend:
                return Call(name, _system.SyscoreSuspend());
            case KernelKexecStep.SyscoreResume:
                _system.SyscoreResume();
                return Call(name, 0);
            case KernelKexecStep.DpmSuspendStart:
                Call(name, 0);
                return SuspendStart();
            case KernelKexecStep.DpmSuspendEnd:
                Call(name, 0);
                return SuspendEnd();
            case KernelKexecStep.DevicePowerDown:
                Call(name, 0);
                return PowerDown();
            case KernelKexecStep.IrqDisable:
                _system.LocalIrqDisable();
                return Call(name, 0);
            case KernelKexecStep.IrqEnable:
                Gone = Gone || !_system.LocalIrqEnable();
                return Call(name, 0);
            case KernelKexecStep.DevicePowerUp:
                Call(name, 0);
                _system.SyscoreResume();
                Call("sysdev_resume", 0);
                ResumePhase("->restore_noirq", DevicePmStage.FrozenNoirq, DevicePmStage.Frozen, _devices.RestoreNoirq);
                return 0;
            case KernelKexecStep.DpmResumeStart:
                Call(name, 0);
                ResumePhase("->restore_noirq", DevicePmStage.FrozenNoirq, DevicePmStage.FrozenLate, _devices.RestoreNoirq);
                ResumePhase("->restore_early", DevicePmStage.FrozenLate, DevicePmStage.Frozen, _devices.RestoreEarly);
                return 0;
            case KernelKexecStep.DpmResumeEnd:
                Call(name, 0);
                ResumePhase("->restore", DevicePmStage.Frozen, DevicePmStage.Prepared, _devices.Restore);
                Complete();
                return 0;
            default:
                return Call(name, 0);
        }
    }

    private int Call(string name, int result)
    {
        Trace.Add(new PmCall(name, null, result));
        return result;
    }

    /// <summary>dpm_prepare then dpm_suspend; neither undoes the other's work on failure.</summary>
    private int SuspendStart()
    {
        if (!At("prepare"))
        {
            return 0;
        }

        for (var i = 0; i < _stages.Length; i++)
        {
            if (_stages[i] != DevicePmStage.Active)
            {
                continue;
            }

            var error = Device("->prepare", i, _devices.Prepare);
            if (error != 0)
            {
                return error;
            }

            _stages[i] = DevicePmStage.Prepared;
        }

        return SuspendPhase("->freeze", DevicePmStage.Prepared, DevicePmStage.Frozen, _devices.Freeze);
    }

    /// <summary>dpm_suspend_late then dpm_suspend_noirq, each rolling back with the PMSG_RECOVER (thaw) callbacks.</summary>
    private int SuspendEnd()
    {
        var error = SuspendPhase("->freeze_late", DevicePmStage.Frozen, DevicePmStage.FrozenLate, _devices.FreezeLate);
        if (error != 0)
        {
            ResumePhase("->thaw_early", DevicePmStage.FrozenLate, DevicePmStage.Frozen, _devices.ThawEarly);
            return error;
        }

        error = SuspendPhase("->freeze_noirq", DevicePmStage.FrozenLate, DevicePmStage.FrozenNoirq, _devices.FreezeNoirq);
        if (error != 0)
        {
            ResumePhase("->thaw_noirq", DevicePmStage.FrozenNoirq, DevicePmStage.FrozenLate, _devices.ThawNoirq);
            ResumePhase("->thaw_early", DevicePmStage.FrozenLate, DevicePmStage.Frozen, _devices.ThawEarly);
        }

        return error;
    }

    /// <summary>
    /// K27 device_power_down: the irq-off device callbacks, rolled back with thaw_noirq on failure, then
    /// sysdev_suspend, whose failure is returned without that rollback (inferred from the 2.6.27/28 code).
    /// </summary>
    private int PowerDown()
    {
        var error = SuspendPhase("->freeze_noirq", DevicePmStage.Frozen, DevicePmStage.FrozenNoirq, _devices.FreezeNoirq);
        if (error != 0)
        {
            ResumePhase("->thaw_noirq", DevicePmStage.FrozenNoirq, DevicePmStage.Frozen, _devices.ThawNoirq);
            return error;
        }

        return Call("sysdev_suspend", _system.SyscoreSuspend());
    }

    private int SuspendPhase(string name, DevicePmStage from, DevicePmStage to, Func<int, int> callback)
    {
        if (!At(name[2..]))
        {
            return 0;
        }

        for (var i = _stages.Length - 1; i >= 0; i--)
        {
            if (_stages[i] != from)
            {
                continue;
            }

            var error = Device(name, i, callback);
            if (error != 0)
            {
                return error;
            }

            _stages[i] = to;
        }

        return 0;
    }

    private void ResumePhase(string name, DevicePmStage from, DevicePmStage to, Func<int, int> callback)
    {
        // The PMSG_RECOVER (thaw) phases of a rollback are not transition points.
        if (!name.StartsWith("->thaw", StringComparison.Ordinal) && !At(name[2..]))
        {
            return;
        }

        for (var i = 0; i < _stages.Length; i++)
        {
            if (_stages[i] == from)
            {
                Device(name, i, callback);
                _stages[i] = to;
            }
        }
    }

    private void Complete()
    {
        if (!At("complete"))
        {
            return;
        }

        for (var i = _stages.Length - 1; i >= 0; i--)
        {
            if (_stages[i] == DevicePmStage.Prepared)
            {
                Device("->complete", i, _devices.Complete);
                _stages[i] = DevicePmStage.Active;
            }
        }
    }

    private int Device(string name, int device, Func<int, int> callback)
    {
        var result = callback(device);
        Trace.Add(new PmCall(name, device, result));
        return result;
    }
}
