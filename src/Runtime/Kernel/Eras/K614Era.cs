using KjTest.Abi;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>K614: the 6.14 x86-64 relocate_kernel rework (one control page, routine data in the page, no debug IDT yet).</summary>
public static class K614Era
{
    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.K614,
        Name = "k614",
        Kernels = "Linux 6.14",
        Arches = [KernelArch.X86_64],
        Sequence = Modern.Sequence(KernelEra.K614, "suspend_console", "resume_console"),
        Interface = RelocateInterface.ControlPage,
        ModernKexecLoad = true,
        HasKexecLoadDisabled = true,
        InclusiveDestinationEnd = true,
        IdentityRootInControlPage = false,
        InvalidatesTablesInMachineKexec = false,
        PushesZeroWord = false,
        ReservesReentrySlot = true,
        OnlyJumpSwaps = true,
        HasDebugIdt = false,
        SleepLockCanDeadlock = false,
        KnownFlags = KexecFlags.OnCrash | KexecFlags.UpdateElfCoreHdr | KexecFlags.CrashHotplugSupport,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        Bugs = Modern.InjectableBugs().Values
            .Where(b => b.Id != "B6")
            .Append(BugSupport.Not("B6", BugStatus.EraBehaviour, "B6 (no zero word under the start address in a plain kexec) is this era's own relocate_kernel: 6.14 has it until 786a45757dcd"))
            .ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase),
    };
}
