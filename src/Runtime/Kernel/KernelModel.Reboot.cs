using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Kernel;

/// <summary>The reboot system call and <c>kernel_kexec()</c>.</summary>
public sealed partial class KernelModel
{
    /// <summary>
    /// <c>reboot(magic1, magic2, cmd, NULL)</c> (reference 2.4): CAP_SYS_BOOT (EPERM), magic numbers (EINVAL), then for
    /// LINUX_REBOOT_CMD_KEXEC <c>kernel_kexec()</c>: EBUSY if the kexec lock is held, EINVAL without a normal image,
    /// then the preserve-context sequence of the era (or the plain shutdown path). <paramref name="machineKexec"/> runs
    /// the image; when it returns, its re-entry point becomes the image's start.
    /// </summary>
    public KernelKexecResult Reboot(uint magic1, uint magic2, uint cmd, IDevicePm devices, ISystemPm system, Func<KimageLayout, MachineKexecResult> machineKexec)
    {
        DevicePmStage[] untouched = new DevicePmStage[devices.DeviceCount];
        if (!Config.CapSysBoot)
        {
            return new KernelKexecResult(-Errno.EPERM, KernelKexecOutcome.Returned, [], untouched);
        }

        if (magic1 != RebootMagic.Magic1 || !RebootMagic.IsMagic2(magic2))
        {
            return new KernelKexecResult(-Errno.EINVAL, KernelKexecOutcome.Returned, [], untouched);
        }

        if (cmd != RebootMagic.CmdKexec)
        {
            return RebootMagic.OtherCommands.Contains(cmd)
                ? new KernelKexecResult(0, KernelKexecOutcome.NotModelled, [], untouched)
                : new KernelKexecResult(-Errno.EINVAL, KernelKexecOutcome.Returned, [], untouched);
        }

        return KernelKexec(devices, system, machineKexec);
    }

    private KernelKexecResult KernelKexec(IDevicePm devices, ISystemPm system, Func<KimageLayout, MachineKexecResult> machineKexec)
    {
        DevicePmStage[] untouched = new DevicePmStage[devices.DeviceCount];
        if (KexecLockHeld)
        {
            return new KernelKexecResult(-Errno.EBUSY, KernelKexecOutcome.Returned, [], untouched);
        }

        KexecLockHeld = true;
        if (_normal is not { } image)
        {
            KexecLockHeld = false;
            return new KernelKexecResult(-Errno.EINVAL, KernelKexecOutcome.Returned, [], untouched);
        }

        var layout = image.ToLayout();
        ulong? reEntry = null;
        MachineKexecResult Jump()
        {
            var result = machineKexec(layout);
            if (result.Returned)
            {
                reEntry = result.ReEntry;
            }

            return result;
        }

        var outcome = image.PreserveContext && Config.KexecJump
            ? Traits.Sequence.Run(devices, system, Jump, Config.SystemSleepLockDeadlock && Traits.SleepLockCanDeadlock)
            : KernelKexecSequence.RunPlain(devices, system, Jump);

        if (reEntry is { } start)
        {
            image.Start = start & _limits.WordMask;
        }

        // A task that never comes back keeps the lock, as the kernel it left does.
        if (outcome.Outcome == KernelKexecOutcome.Returned)
        {
            KexecLockHeld = false;
        }

        return outcome;
    }
}
