using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;

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
        Sequence = KernelKexecSequence.For(KernelEra.K614),
        KnownFlags = KexecFlags.OnCrash | KexecFlags.UpdateElfCoreHdr | KexecFlags.CrashHotplugSupport,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        Bugs = Modern.InjectableBugs(),
    };
}
