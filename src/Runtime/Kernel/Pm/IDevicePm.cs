namespace KjTest.Runtime.Kernel.Pm;

/// <summary>
/// The drivers' power-management callbacks as <c>kernel_kexec()</c> reaches them, for devices numbered in dpm_list
/// (registration) order. Every callback returns 0 or a positive errno; the resume-side results are only recorded,
/// as Linux only logs them.
/// </summary>
public interface IDevicePm
{
    /// <summary>Number of devices on dpm_list.</summary>
    int DeviceCount { get; }

    /// <summary><c>-&gt;prepare</c> (PMSG_FREEZE, dpm_prepare).</summary>
    int Prepare(int device);

    /// <summary><c>-&gt;freeze</c> (dpm_suspend).</summary>
    int Freeze(int device);

    /// <summary><c>-&gt;freeze_late</c> (dpm_suspend_late).</summary>
    int FreezeLate(int device);

    /// <summary><c>-&gt;freeze_noirq</c> (dpm_suspend_noirq; K27's device_power_down).</summary>
    int FreezeNoirq(int device);

    /// <summary><c>-&gt;restore_noirq</c> (PMSG_RESTORE, dpm_resume_noirq).</summary>
    int RestoreNoirq(int device);

    /// <summary><c>-&gt;restore_early</c> (dpm_resume_early).</summary>
    int RestoreEarly(int device);

    /// <summary><c>-&gt;restore</c> (dpm_resume).</summary>
    int Restore(int device);

    /// <summary><c>-&gt;complete</c> (dpm_complete).</summary>
    int Complete(int device);

    /// <summary><c>-&gt;thaw_early</c>: PMSG_RECOVER, used only when dpm_suspend_end rolls back its own partial work.</summary>
    int ThawEarly(int device);

    /// <summary><c>-&gt;thaw_noirq</c>: PMSG_RECOVER, used only when the noirq phase rolls back its own partial work.</summary>
    int ThawNoirq(int device);
}
