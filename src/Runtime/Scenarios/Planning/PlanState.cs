using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>What planning knows at a step: the scenario, the era, the machine built to preview it, and what the earlier steps did.</summary>
internal sealed class PlanState
{
    public PlanState(Scenario scenario, EraTraits era, KernelArch arch, ulong ramSize)
    {
        Scenario = scenario;
        Era = era;
        Arch = arch;
        RamSize = ramSize;
        AnyPlainLoad = scenario.Steps.OfType<LoadStep>().Any(l => (ScenarioPlanner.FlagsOf(l) & Abi.KexecFlags.PreserveContext) == 0);
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The era.</summary>
    public EraTraits Era { get; }

    /// <summary>The architecture.</summary>
    public KernelArch Arch { get; }

    /// <summary>Bytes of RAM.</summary>
    public ulong RamSize { get; }

    /// <summary>Whether a user-supplied relocate routine replaces the era's.</summary>
    public bool UserRelocate => Scenario.Relocate is not null;

    /// <summary>Whether any load of the scenario lacks PRESERVE_CONTEXT (a plain kexec).</summary>
    public bool AnyPlainLoad { get; }

    /// <summary>The machine built to preview the loads, once the machine plan is complete.</summary>
    public ScenarioMachine? Preview { get; set; }

    /// <summary>A's normal image after the steps so far, as the preview built it.</summary>
    public KimageLayout? NormalLayout => Preview?.Kernel.NormalImage;

    /// <summary>Whether the CPU of this machine has the vocabulary register <paramref name="name"/>.</summary>
    public bool CpuHas(string name) => Preview is { } preview && RegisterFile.TryGet(preview.Machine.Cpu, name, out _);

    /// <summary>
    /// Who holds the page at <paramref name="page"/> in the layout <paramref name="layout"/> when it is not free RAM or
    /// A's own data, as a diagnostic names it; null when a fault may write there.
    /// </summary>
    public string? Occupant(KimageLayout layout, ulong page)
    {
        if (page >= RamSize || RamSize - page < KernelConstants.PageSize)
        {
            return "beyond the end of RAM";
        }

        var control = layout.ControlPages.ToList().IndexOf(page);
        if (control >= 0)
        {
            return Era.ControlPageRoles[Math.Min(control, Era.ControlPageRoles.Count - 1)];
        }

        if (layout.PreparePages.Contains(page))
        {
            return "a page of the identity page table machine_kexec_prepare built";
        }

        if (layout.IndirectionPages.Contains(page))
        {
            return "an indirection page of the kimage";
        }

        foreach (var moved in layout.Pages.Where(p => p.Source == page && p.Source != p.Destination))
        {
            return $"the source page of destination 0x{moved.Destination:x}";
        }

        if (layout.DestinationRanges.Any(r => r.TouchesPage(page)))
        {
            return "a destination page of the image, which holds the image's own data while it runs";
        }

        if (Preview?.Environment is { } env && page >= env.Base && page < env.Base + env.Size)
        {
            return "kernel A's own state (its page tables, descriptor tables and stack)";
        }

        return page < 0x100000 || Scenario.Machine.MemoryMap.Any(r => r.Kind.Value == MemoryRegionKind.Reserved && new PhysicalRange(r.Range.Start.Value, r.Range.Size.Value).TouchesPage(page))
            ? "reserved memory"
            : null;
    }
}
