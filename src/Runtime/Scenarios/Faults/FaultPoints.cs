using KjTest.Runtime.Kernel.Jump;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// The one table of transition points: the name scenarios write, and where the point lies — in guest code (a
/// <see cref="TransitionPoint"/> the jump driver arms) or in kernel_kexec's C code (the name the PM model calls).
/// </summary>
public static class FaultPoints
{
    private static readonly (FaultPoint Point, string Name, TransitionPoint? Guest)[] Table =
    [
        (FaultPoint.BeforeFreeze, "before_freeze", null),
        (FaultPoint.AfterFreezeProcesses, "after_freeze_processes", null),
        (FaultPoint.Prepare, "prepare", null),
        (FaultPoint.Freeze, "freeze", null),
        (FaultPoint.FreezeLate, "freeze_late", null),
        (FaultPoint.FreezeNoirq, "freeze_noirq", null),
        (FaultPoint.AfterSyscoreSuspend, "after_syscore_suspend", null),
        (FaultPoint.MachineKexec, "machine_kexec", TransitionPoint.MachineKexec),
        (FaultPoint.RelocateOutbound, "relocate_outbound", TransitionPoint.RelocateOutbound),
        (FaultPoint.Callee, "callee", TransitionPoint.Callee),
        (FaultPoint.RelocateReturn, "relocate_return", TransitionPoint.RelocateReturn),
        (FaultPoint.AfterMachineKexec, "after_machine_kexec", null),
        (FaultPoint.RestoreNoirq, "restore_noirq", null),
        (FaultPoint.RestoreEarly, "restore_early", null),
        (FaultPoint.Restore, "restore", null),
        (FaultPoint.Complete, "complete", null),
        (FaultPoint.AfterThaw, "after_thaw", null),
    ];

    /// <summary>Every point's name, in transition order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The point written as <paramref name="name"/>, or null.</summary>
    public static FaultPoint? Parse(string name) => Array.FindIndex(Table, t => t.Name == name) is >= 0 and var i ? Table[i].Point : null;

    /// <summary>The name scenarios write.</summary>
    public static string NameOf(FaultPoint point) => Table[(int)point].Name;

    /// <summary>The guest-code point the jump driver arms, or null for a point of kernel_kexec's C code.</summary>
    public static TransitionPoint? GuestPoint(FaultPoint point) => Table[(int)point].Guest;
}
