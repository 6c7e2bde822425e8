using KjTest.Abi;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>K30: x86-64 from 2.6.30 to 6.13 (two control pages, page_list, the GDT not restored: B1, re-entry above the swap page: B4).</summary>
public static class K30Era
{
    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = new()
    {
        Era = KernelEra.K30,
        Name = "k30",
        Kernels = "Linux 2.6.30 to 6.13 (x86_64)",
        Arches = [KernelArch.X86_64],
        Sequence = KernelKexecSequence.For(KernelEra.K30),
        KnownFlags = KexecFlags.OnCrash,
        ControlPageRoles = ["the first control page, the root of the identity page table", "the second control page, holding relocate_kernel's code"],
        Bugs = new[]
        {
            BugSupport.Not("B1", BugStatus.EraBehaviour, "B1 (GDT not restored after the return) is this era's own machine_kexec: every k30 jump has it"),
            BugSupport.Not("B4", BugStatus.EraBehaviour, "B4 (re-entry point read above the swap page) is this era's own relocate_kernel: every k30 jump has it"),
            BugSupport.Injectable("B2", RelocateBug.B2),
            BugSupport.Injectable("B2a", RelocateBug.B2a),
            BugSupport.Injectable("B3", RelocateBug.B3),
        }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase),
    };
}
