namespace KjTest.Runtime.Kernel.Pm;

/// <summary>Which dpm list a device is on, i.e. how far its suspend got (reference 9, device state).</summary>
public enum DevicePmStage
{
    /// <summary>On dpm_list: running.</summary>
    Active,

    /// <summary>On dpm_prepared_list: <c>-&gt;prepare</c> done (or its <c>-&gt;freeze</c> failed).</summary>
    Prepared,

    /// <summary>On dpm_suspended_list: <c>-&gt;freeze</c> done.</summary>
    Frozen,

    /// <summary>On dpm_late_early_list: <c>-&gt;freeze_late</c> done.</summary>
    FrozenLate,

    /// <summary>On dpm_noirq_list: <c>-&gt;freeze_noirq</c> done.</summary>
    FrozenNoirq,
}
