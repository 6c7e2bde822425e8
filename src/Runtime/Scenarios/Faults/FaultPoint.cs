namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>The points of the transition where an event can be injected (reference section 9), in the order a jump passes them.</summary>
public enum FaultPoint
{
    /// <summary>kernel_kexec before freeze_processes.</summary>
    BeforeFreeze,

    /// <summary>After the freezer.</summary>
    AfterFreezeProcesses,

    /// <summary>The device ->prepare phase, before its first device.</summary>
    Prepare,

    /// <summary>The ->freeze phase.</summary>
    Freeze,

    /// <summary>The ->freeze_late phase.</summary>
    FreezeLate,

    /// <summary>The ->freeze_noirq phase.</summary>
    FreezeNoirq,

    /// <summary>After syscore_suspend (device_power_down on K27).</summary>
    AfterSyscoreSuspend,

    /// <summary>Guest code: machine_kexec's call of relocate_kernel.</summary>
    MachineKexec,

    /// <summary>Guest code: the outbound swap_pages.</summary>
    RelocateOutbound,

    /// <summary>Guest code: the image's entry point.</summary>
    Callee,

    /// <summary>Guest code: the jump-back entry.</summary>
    RelocateReturn,

    /// <summary>After machine_kexec returned.</summary>
    AfterMachineKexec,

    /// <summary>The ->restore_noirq phase.</summary>
    RestoreNoirq,

    /// <summary>The ->restore_early phase.</summary>
    RestoreEarly,

    /// <summary>The ->restore phase.</summary>
    Restore,

    /// <summary>The ->complete phase.</summary>
    Complete,

    /// <summary>After thaw_processes.</summary>
    AfterThaw,
}
