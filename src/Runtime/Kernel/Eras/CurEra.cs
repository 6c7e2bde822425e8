using KjTest.Abi;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>CUR: the newest x86-64 source (6.15 and later), with the 6.14 rework's fixes and the debug IDT.</summary>
public static class CurEra
{
    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.Cur,
        Name = "cur",
        Kernels = "Linux 6.15 and later",
        Arches = [KernelArch.X86_64],
        Sequence = Modern.Sequence(KernelEra.Cur, "console_suspend_all", "console_resume_all"),
        Interface = RelocateInterface.ControlPage,
        ModernKexecLoad = true,
        HasKexecLoadDisabled = true,
        InclusiveDestinationEnd = true,
        IdentityRootInControlPage = false,
        InvalidatesTablesInMachineKexec = false,
        PushesZeroWord = true,
        ReservesReentrySlot = true,
        OnlyJumpSwaps = true,
        HasDebugIdt = true,
        SleepLockCanDeadlock = false,
        KnownFlags = KexecFlags.OnCrash | KexecFlags.UpdateElfCoreHdr | KexecFlags.CrashHotplugSupport,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        Bugs = Modern.InjectableBugs(),
    };
}
