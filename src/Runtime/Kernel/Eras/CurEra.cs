using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;

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
        Sequence = KernelKexecSequence.For(KernelEra.Cur),
        KnownFlags = KexecFlags.OnCrash | KexecFlags.UpdateElfCoreHdr | KexecFlags.CrashHotplugSupport,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        Bugs = Modern.InjectableBugs(),
    };
}
