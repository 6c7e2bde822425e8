using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Tests.Kernel.Pm;

/// <summary>kernel_kexec() with preserve_context: reference 4.1 (K27), 4.2 (K30), 4.3 (CUR, K614).</summary>
public class KernelKexecSequenceTests
{
    private const int EIO = 5;

    private static string Render(IEnumerable<PmCall> trace) => string.Join(" ", trace);

    private static string Run(KernelEra era, ScriptedDevicePm devices, ScriptedSystemPm system, out KernelKexecResult result)
    {
        result = EraTable.Of(era).Sequence.Run(devices, system, () => MachineKexecResult.Back(0x1234));
        return Render(result.Trace);
    }

    [Test]
    public void Cur_round_trip_calls_every_callback_in_linux_order_for_three_devices()
    {
        var trace = Run(KernelEra.Cur, new ScriptedDevicePm(3), new ScriptedSystemPm(), out var result);

        Assert.Multiple(() =>
        {
            Assert.That(trace, Is.EqualTo(
                "pm_prepare_console freeze_processes console_suspend_all dpm_suspend_start "
                + "->prepare(0) ->prepare(1) ->prepare(2) ->freeze(2) ->freeze(1) ->freeze(0) dpm_suspend_end "
                + "->freeze_late(2) ->freeze_late(1) ->freeze_late(0) ->freeze_noirq(2) ->freeze_noirq(1) ->freeze_noirq(0) "
                + "suspend_disable_secondary_cpus local_irq_disable syscore_suspend kmsg_dump machine_kexec syscore_resume "
                + "local_irq_enable suspend_enable_secondary_cpus dpm_resume_start "
                + "->restore_noirq(0) ->restore_noirq(1) ->restore_noirq(2) ->restore_early(0) ->restore_early(1) ->restore_early(2) "
                + "dpm_resume_end ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) "
                + "console_resume_all thaw_processes pm_restore_console"));
            Assert.That((result.ReturnValue, result.Outcome), Is.EqualTo((0L, KernelKexecOutcome.Returned)));
            Assert.That(result.Devices, Is.All.EqualTo(DevicePmStage.Active));
        });
    }

    [Test]
    public void K27_round_trip_follows_the_2_6_27_table()
    {
        var trace = Run(KernelEra.K27, new ScriptedDevicePm(2), new ScriptedSystemPm(), out var result);

        Assert.Multiple(() =>
        {
            Assert.That(trace, Is.EqualTo(
                "mutex_lock(&pm_mutex) pm_prepare_console freeze_processes suspend_console device_suspend "
                + "->prepare(0) ->prepare(1) ->freeze(1) ->freeze(0) disable_nonboot_cpus device_pm_lock local_irq_disable "
                + "device_power_down ->freeze_noirq(1) ->freeze_noirq(0) sysdev_suspend machine_kexec "
                + "device_power_up sysdev_resume ->restore_noirq(0) ->restore_noirq(1) local_irq_enable device_pm_unlock "
                + "enable_nonboot_cpus device_resume ->restore(0) ->restore(1) ->complete(1) ->complete(0) "
                + "resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)"));
            Assert.That(result.Devices, Is.All.EqualTo(DevicePmStage.Active));
        });
    }

    [TestCase(KernelEra.Cur, "before_freeze after_freeze_processes prepare freeze freeze_late freeze_noirq irqs-off after_syscore_suspend after_machine_kexec irqs-on restore_noirq restore_early restore complete after_thaw")]
    [TestCase(KernelEra.K30, "before_freeze after_freeze_processes prepare freeze freeze_late freeze_noirq irqs-off after_syscore_suspend after_machine_kexec irqs-on restore_noirq restore_early restore complete after_thaw")]
    [TestCase(KernelEra.K27, "before_freeze after_freeze_processes prepare freeze irqs-off freeze_noirq after_syscore_suspend after_machine_kexec restore_noirq irqs-on restore complete after_thaw")]
    public void Transition_points_and_interrupt_changes_come_in_the_era_s_order(KernelEra era, string expected)
    {
        // Sections 4.1-4.3: where local_irq_disable/enable fall decides which points run with interrupts on.
        var system = new ScriptedSystemPm();
        Run(era, new ScriptedDevicePm(0), system, out _);

        Assert.That(string.Join(" ", system.Points).Replace("irqs ", "irqs-", StringComparison.Ordinal), Is.EqualTo(expected));
    }

    [TestCase("freeze", KernelKexecOutcome.NeverReturned, false)]
    [TestCase("after_syscore_suspend", KernelKexecOutcome.NeverReturned, false)]
    [TestCase("after_machine_kexec", KernelKexecOutcome.NeverReturned, true)]
    [TestCase("irqs on", KernelKexecOutcome.NeverReturned, true)]
    [TestCase("after_thaw", KernelKexecOutcome.NeverReturned, true)]
    public void A_machine_lost_at_a_point_ends_kernel_kexec_there(string point, KernelKexecOutcome outcome, bool jumped)
    {
        var system = new ScriptedSystemPm { DiesAt = point };
        var trace = Run(KernelEra.Cur, new ScriptedDevicePm(1), system, out var result);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(outcome));
            Assert.That(trace.Contains("machine_kexec", StringComparison.Ordinal), Is.EqualTo(jumped));
            Assert.That(system.Points[^1], Is.EqualTo(point));
        });
    }

    [Test]
    public void Rollback_phases_are_not_transition_points()
    {
        var system = new ScriptedSystemPm();
        Run(KernelEra.Cur, new ScriptedDevicePm(1).Fail("->freeze_noirq", 0, EIO), system, out _);

        Assert.That(system.Points, Is.EqualTo(new[] { "before_freeze", "after_freeze_processes", "prepare", "freeze", "freeze_late", "freeze_noirq", "restore", "complete", "after_thaw" }));
    }

    private static IEnumerable<TestCaseData> Failures()
    {
        const string ResumeConsoleCur = "console_resume_all thaw_processes pm_restore_console";
        const string ResumeEndCur = "dpm_resume_end ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) " + ResumeConsoleCur;
        const string ResumeStartCur = "dpm_resume_start ->restore_noirq(0) ->restore_noirq(1) ->restore_noirq(2) ->restore_early(0) ->restore_early(1) ->restore_early(2) " + ResumeEndCur;
        const string Active = "Active Active Active";

        static TestCaseData Case(string name, KernelEra era, string callback, int? device, long expected, string tail, string stages) =>
            new TestCaseData(era, callback, device, expected, tail, stages).SetName(name);

        yield return Case("4.3 CUR freeze_processes failure is EBUSY and restores the console", KernelEra.Cur, "freeze_processes", null, -Errno.EBUSY, "pm_restore_console", Active);
        yield return Case("4.3 CUR ->prepare failure leaves earlier devices prepared (B14)", KernelEra.Cur, "->prepare", 1, -EIO, ResumeConsoleCur, "Prepared Active Active");
        yield return Case("4.3 CUR ->freeze failure leaves devices frozen and prepared (B14)", KernelEra.Cur, "->freeze", 1, -EIO, ResumeConsoleCur, "Prepared Prepared Frozen");
        yield return Case("4.3 CUR ->freeze_late failure thaws early then resumes devices", KernelEra.Cur, "->freeze_late", 1, -EIO, "->thaw_early(2) " + ResumeEndCur, Active);
        yield return Case("4.3 CUR ->freeze_noirq failure thaws noirq and early then resumes devices", KernelEra.Cur, "->freeze_noirq", 1, -EIO,
            "->thaw_noirq(2) ->thaw_early(0) ->thaw_early(1) ->thaw_early(2) " + ResumeEndCur, Active);
        yield return Case("4.3 CUR secondary CPU failure jumps to Enable_cpus", KernelEra.Cur, "cpus", null, -EIO, "suspend_enable_secondary_cpus " + ResumeStartCur, Active);
        yield return Case("4.3 CUR syscore_suspend failure jumps to Enable_irqs", KernelEra.Cur, "syscore", null, -EIO, "local_irq_enable suspend_enable_secondary_cpus " + ResumeStartCur, Active);
        yield return Case("4.3 K614 ->freeze failure leaves devices frozen (B14)", KernelEra.K614, "->freeze", 0, -EIO, "resume_console thaw_processes pm_restore_console", "Prepared Frozen Frozen");
        yield return Case("4.2 K30 freeze_processes failure unlocks system sleep", KernelEra.K30, "freeze_processes", null, -Errno.EBUSY, "pm_restore_console unlock_system_sleep", Active);
        yield return Case("4.2 K30 ->prepare failure leaves earlier devices prepared (B14)", KernelEra.K30, "->prepare", 2, -EIO,
            "resume_console thaw_processes pm_restore_console unlock_system_sleep", "Prepared Prepared Active");
        yield return Case("4.2 K30 syscore_suspend failure jumps to Enable_irqs", KernelEra.K30, "syscore", null, -EIO,
            "local_irq_enable enable_nonboot_cpus dpm_resume_start ->restore_noirq(0) ->restore_noirq(1) ->restore_noirq(2) ->restore_early(0) ->restore_early(1) ->restore_early(2) "
            + "dpm_resume_end ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) resume_console thaw_processes pm_restore_console unlock_system_sleep", Active);
        const string ResumeEndK30 = "dpm_resume_end ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) resume_console thaw_processes pm_restore_console unlock_system_sleep";
        yield return Case("4.2 K30 ->freeze failure leaves devices frozen (B14)", KernelEra.K30, "->freeze", 0, -EIO,
            "resume_console thaw_processes pm_restore_console unlock_system_sleep", "Prepared Frozen Frozen");
        yield return Case("4.2 K30 ->freeze_late failure thaws early then resumes devices", KernelEra.K30, "->freeze_late", 0, -EIO, "->thaw_early(1) ->thaw_early(2) " + ResumeEndK30, Active);
        yield return Case("4.2 K30 ->freeze_noirq failure thaws noirq and early then resumes devices", KernelEra.K30, "->freeze_noirq", 2, -EIO,
            "->thaw_early(0) ->thaw_early(1) ->thaw_early(2) " + ResumeEndK30, Active);
        yield return Case("4.2 K30 disable_nonboot_cpus failure jumps to Enable_cpus", KernelEra.K30, "cpus", null, -EIO,
            "enable_nonboot_cpus dpm_resume_start ->restore_noirq(0) ->restore_noirq(1) ->restore_noirq(2) ->restore_early(0) ->restore_early(1) ->restore_early(2) " + ResumeEndK30, Active);
        yield return Case("4.3 K614 freeze_processes failure is EBUSY", KernelEra.K614, "freeze_processes", null, -Errno.EBUSY, "pm_restore_console", Active);
        yield return Case("4.3 K614 syscore_suspend failure jumps to Enable_irqs", KernelEra.K614, "syscore", null, -EIO,
            "local_irq_enable suspend_enable_secondary_cpus " + ResumeStartCur.Replace("console_resume_all", "resume_console", StringComparison.Ordinal), Active);
        yield return Case("4.1 K27 freeze_processes failure is EBUSY and releases pm_mutex", KernelEra.K27, "freeze_processes", null, -Errno.EBUSY, "pm_restore_console mutex_unlock(&pm_mutex)", Active);
        yield return Case("4.1 K27 ->prepare failure leaves earlier devices prepared (B14)", KernelEra.K27, "->prepare", 1, -EIO,
            "resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)", "Prepared Active Active");
        yield return Case("4.1 K27 sysdev_suspend failure leaves the noirq devices as they are (inferred)", KernelEra.K27, "syscore", null, -EIO,
            "local_irq_enable device_pm_unlock enable_nonboot_cpus device_resume resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)",
            "FrozenNoirq FrozenNoirq FrozenNoirq");
        yield return Case("4.1 K27 device_suspend failure jumps to Resume_console (B14)", KernelEra.K27, "->freeze", 2, -EIO,
            "resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)", "Prepared Prepared Prepared");
        yield return Case("4.1 K27 disable_nonboot_cpus failure resumes devices", KernelEra.K27, "cpus", null, -EIO,
            "device_resume ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)", Active);
        yield return Case("4.1 K27 device_power_down failure thaws noirq then jumps to Enable_irqs", KernelEra.K27, "->freeze_noirq", 1, -EIO,
            "->thaw_noirq(2) local_irq_enable device_pm_unlock enable_nonboot_cpus device_resume ->restore(0) ->restore(1) ->restore(2) ->complete(2) ->complete(1) ->complete(0) "
            + "resume_console thaw_processes pm_restore_console mutex_unlock(&pm_mutex)", Active);
    }

    [TestCaseSource(nameof(Failures))]
    public void A_failing_step_rolls_back_as_linux_does(KernelEra era, string callback, int? device, long expected, string tail, string stages)
    {
        var devices = new ScriptedDevicePm(3);
        if (device is { } d)
        {
            devices.Fail(callback, d, EIO);
        }

        var system = new ScriptedSystemPm
        {
            FreezeError = callback == "freeze_processes" ? Errno.ENOMEM : 0,
            CpusError = callback == "cpus" ? EIO : 0,
            SyscoreError = callback == "syscore" ? EIO : 0,
        };
        var jumped = false;

        var result = EraTable.Of(era).Sequence.Run(devices, system, () =>
        {
            jumped = true;
            return MachineKexecResult.Back(0);
        });

        var trace = result.Trace.ToList();
        var failed = trace.FindIndex(c => c.Result != 0);
        Assert.Multiple(() =>
        {
            Assert.That(jumped, Is.False);
            Assert.That(result.ReturnValue, Is.EqualTo(expected));
            Assert.That(Render(trace.Skip(failed + 1)), Is.EqualTo(tail));
            Assert.That(string.Join(" ", result.Devices), Is.EqualTo(stages));
        });
    }

    [Test]
    public void K30_sleep_lock_taken_under_the_reboot_mutex_deadlocks_before_anything_else_B9()
    {
        var result = EraTable.Of(KernelEra.K30).Sequence.Run(new ScriptedDevicePm(1), new ScriptedSystemPm(), () => MachineKexecResult.Back(0), sleepLockDeadlocks: true);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KernelKexecOutcome.Deadlocked));
            Assert.That(Render(result.Trace), Is.EqualTo("lock_system_sleep = -EDEADLK"));
        });
    }

    [Test]
    public void A_jump_that_never_comes_back_leaves_devices_frozen_and_returns_nothing()
    {
        var result = EraTable.Of(KernelEra.Cur).Sequence.Run(new ScriptedDevicePm(2), new ScriptedSystemPm(), () => MachineKexecResult.Gone);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KernelKexecOutcome.NeverReturned));
            Assert.That(result.Trace[^1].Name, Is.EqualTo("machine_kexec"));
            Assert.That(result.Devices, Is.All.EqualTo(DevicePmStage.FrozenNoirq));
        });
    }

    [Test]
    public void Resume_callback_errors_are_recorded_but_do_not_change_the_result()
    {
        var devices = new ScriptedDevicePm(2).Fail("->restore", 0, EIO);

        var result = EraTable.Of(KernelEra.Cur).Sequence.Run(devices, new ScriptedSystemPm(), () => MachineKexecResult.Back(0));

        Assert.Multiple(() =>
        {
            Assert.That(result.ReturnValue, Is.Zero);
            Assert.That(result.Trace, Has.Some.EqualTo(new PmCall("->restore", 0, EIO)));
        });
    }

    [Test]
    public void Every_failure_label_exists_in_the_resume_half_of_every_era()
    {
        foreach (var era in Enum.GetValues<KernelEra>())
        {
            var sequence = EraTable.Of(era).Sequence;
            var labels = sequence.Resume.Select(s => s.Label).OfType<string>().ToHashSet();
            Assert.That(sequence.Suspend.Select(s => s.OnFailure).OfType<string>(), Is.SubsetOf(labels), era.ToString());
        }
    }
}
