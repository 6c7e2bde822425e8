using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>K27: the first kexec jump, i386 (2.6.27): device_power_down/up run only the noirq callbacks, no syscore.</summary>
public static class K27Era
{
    private const string NoLatePhases = "kernel_kexec of era k27 has no such phase (device_power_down and device_power_up run only the noirq callbacks, reference 4.1)";

    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.K27,
        Name = "k27",
        Kernels = "Linux 2.6.27 (i386)",
        Arches = [KernelArch.I386],
        Sequence = KernelKexecSequence.For(KernelEra.K27),
        KnownFlags = KexecFlags.OnCrash,
        ControlPageRoles = ["the control page holding relocate_kernel's code and data"],
        MissingPoints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["freeze_late"] = NoLatePhases,
            ["restore_early"] = NoLatePhases,
        },
        Bugs = new[]
        {
            BugSupport.Not("B4", BugStatus.EraBehaviour, "B4 (re-entry point read above the swap page) is the i386 relocate_kernel's own behaviour: every k27 jump has it"),
            BugSupport.Injectable("B2", RelocateBug.B2),
            BugSupport.Injectable("B2a", RelocateBug.B2a),
            BugSupport.Injectable("B3", RelocateBug.B3),
        }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase),
    };
}
