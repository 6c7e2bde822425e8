using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Tests.Kernel.Pm;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>reboot(LINUX_REBOOT_CMD_KEXEC): reference 2.4.</summary>
public class RebootTests
{
    private static KernelKexecResult Reboot(KernelModel kernel, uint magic1 = RebootMagic.Magic1, uint magic2 = RebootMagic.Magic2, uint cmd = RebootMagic.CmdKexec, Func<KimageLayout, MachineKexecResult>? jump = null) =>
        kernel.Reboot(magic1, magic2, cmd, new ScriptedDevicePm(1), new ScriptedSystemPm(), jump ?? (_ => MachineKexecResult.Back(0x4000)));

    private static KernelModel Loaded(KernelConfig? config = null, ulong flags = KexecFlags.PreserveContext)
    {
        var bed = new KernelTestBed(config ?? Standard());
        Assert.That(bed.Kernel.KexecLoad(0x100000, [Segment(0x100000, 0x1000)], flags).ReturnValue, Is.Zero);
        return bed.Kernel;
    }

    [Test]
    public void Without_cap_sys_boot_reboot_is_eperm()
    {
        var kernel = new KernelTestBed(Standard() with { CapSysBoot = false }).Kernel;

        Assert.That(Reboot(kernel).Errno, Is.EqualTo(Errno.EPERM));
    }

    [TestCase(0xfee1deadu, 0x12345678u, TestName = "2.4 bad magic2 is EINVAL")]
    [TestCase(0xfee1deaeu, RebootMagic.Magic2, TestName = "2.4 bad magic1 is EINVAL")]
    public void Bad_magic_is_einval(uint magic1, uint magic2)
    {
        Assert.That(Reboot(Loaded(), magic1, magic2).Errno, Is.EqualTo(Errno.EINVAL));
    }

    [TestCase(RebootMagic.Magic2)]
    [TestCase(RebootMagic.Magic2A)]
    [TestCase(RebootMagic.Magic2B)]
    [TestCase(RebootMagic.Magic2C)]
    public void Each_of_the_four_second_magic_numbers_is_accepted(uint magic2)
    {
        Assert.That(Reboot(Loaded(), magic2: magic2).ReturnValue, Is.Zero);
    }

    [Test]
    public void Capability_is_checked_before_the_magic_numbers()
    {
        var kernel = new KernelTestBed(Standard() with { CapSysBoot = false }).Kernel;

        Assert.That(Reboot(kernel, magic1: 1).Errno, Is.EqualTo(Errno.EPERM));
    }

    [Test]
    public void Unknown_command_is_einval_and_other_known_commands_are_not_modelled()
    {
        var kernel = Loaded();

        Assert.Multiple(() =>
        {
            Assert.That(Reboot(kernel, cmd: 0x12).Errno, Is.EqualTo(Errno.EINVAL));
            Assert.That(Reboot(kernel, cmd: 0x01234567).Outcome, Is.EqualTo(KernelKexecOutcome.NotModelled));
        });
    }

    [Test]
    public void No_normal_image_is_einval_even_with_a_crash_image()
    {
        var bed = new KernelTestBed(Standard());
        bed.Kernel.KexecLoad(StandardCrashKernel.Start, [Segment(StandardCrashKernel.Start, 0x1000)], KexecFlags.OnCrash);

        var result = Reboot(bed.Kernel);

        Assert.Multiple(() =>
        {
            Assert.That(result.Errno, Is.EqualTo(Errno.EINVAL));
            Assert.That(bed.Kernel.KexecLockHeld, Is.False);
        });
    }

    [Test]
    public void Kexec_lock_held_is_ebusy_before_the_image_check()
    {
        var kernel = new KernelTestBed(Standard()).Kernel;
        kernel.HoldKexecLock();

        Assert.That(Reboot(kernel).Errno, Is.EqualTo(Errno.EBUSY));
    }

    [Test]
    public void A_round_trip_returns_zero_and_the_re_entry_point_becomes_the_image_start()
    {
        var kernel = Loaded();
        KimageLayout? seen = null;

        var result = Reboot(kernel, jump: layout =>
        {
            seen = layout;
            return MachineKexecResult.Back(0x3FF_F123);
        });

        Assert.Multiple(() =>
        {
            Assert.That((result.ReturnValue, result.Outcome), Is.EqualTo((0L, KernelKexecOutcome.Returned)));
            Assert.That(seen!.Start, Is.EqualTo(0x100000));
            Assert.That(kernel.NormalImage!.Start, Is.EqualTo(0x3FF_F123));
            Assert.That(kernel.KexecLockHeld, Is.False);
        });
    }

    [Test]
    public void An_image_without_preserve_context_takes_the_shutdown_path_and_never_returns()
    {
        var kernel = Loaded(flags: 0);

        var result = Reboot(kernel);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KernelKexecOutcome.NeverReturned));
            Assert.That(result.Trace.Select(c => c.Name), Does.Contain("machine_shutdown"));
            Assert.That(kernel.KexecLockHeld, Is.True);
        });
    }

    [Test]
    public void A_failing_pm_step_returns_its_errno_and_releases_the_lock()
    {
        var kernel = Loaded();

        var result = kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, new ScriptedDevicePm(2).Fail("->freeze", 1, 5),
            new ScriptedSystemPm(), _ => MachineKexecResult.Back(0));

        Assert.Multiple(() =>
        {
            Assert.That(result.ReturnValue, Is.EqualTo(-5));
            Assert.That(result.Devices, Is.EqualTo(new[] { DevicePmStage.Prepared, DevicePmStage.Prepared }));
            Assert.That(kernel.KexecLockHeld, Is.False);
            Assert.That(kernel.NormalImage!.Start, Is.EqualTo(0x100000));
        });
    }

    [Test]
    public void K30_with_the_reboot_mutex_held_deadlocks_B9()
    {
        var kernel = Loaded(Standard(KernelEra.K30) with { SystemSleepLockDeadlock = true });

        var result = Reboot(kernel);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KernelKexecOutcome.Deadlocked));
            Assert.That(kernel.KexecLockHeld, Is.True);
        });
    }

    [Test]
    public void I386_re_entry_point_is_truncated_to_32_bits()
    {
        var kernel = Loaded(Standard(KernelEra.K27, KernelArch.I386));

        Reboot(kernel, jump: _ => MachineKexecResult.Back(0x1_0000_2000));

        Assert.That(kernel.NormalImage!.Start, Is.EqualTo(0x2000));
    }
}
