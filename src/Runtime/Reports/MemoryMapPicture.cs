using System.Globalization;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Reports;

/// <summary>What one memory map picture shows: A's RAM and reserved ranges, one kimage layout, and the pages that differed.</summary>
/// <param name="Caption">The step that built the layout.</param>
/// <param name="Ram">Bytes of RAM, from address 0.</param>
/// <param name="Reserved">Ranges the page allocator never hands out, in address order.</param>
/// <param name="Layout">The kimage.</param>
/// <param name="Differing">The pages of A's RAM that differed after the jump (empty when nothing ran or nothing differed).</param>
public sealed record MemoryMapPicture(string Caption, ulong Ram, IReadOnlyList<MemoryMapRegion> Reserved, KimageLayout Layout, IReadOnlyList<MemoryPageGap> Differing)
{
    /// <summary>
    /// One picture per load of <paramref name="plan"/> that built a kimage, in step order; the gap's pages are drawn on
    /// the last one, the image the checked jump most likely ran.
    /// </summary>
    public static IReadOnlyList<MemoryMapPicture> Of(RunPlan plan, Gap? gap)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var reserved = ReservedOf(plan);
        var previews = plan.Previews.Where(p => p.Layout is not null).ToList();
        var pictures = new List<MemoryMapPicture>();
        for (var i = 0; i < previews.Count; i++)
        {
            var preview = previews[i];
            var number = IndexOf(plan.Steps, preview.Step) + 1;
            var caption = string.Create(CultureInfo.InvariantCulture, $"after step {number}: {preview.Step.Describe()}");
            var differing = i == previews.Count - 1 && gap is not null ? gap.Pages : [];
            pictures.Add(new MemoryMapPicture(caption, plan.Machine.Ram, reserved, preview.Layout!, differing));
        }

        return pictures;
    }

    private static int IndexOf(IReadOnlyList<PlannedStep> steps, PlannedStep step)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (ReferenceEquals(steps[i], step))
            {
                return i;
            }
        }

        return -1;
    }

    // The machine reserves the first MiB and kernel A's own area above it (ScenarioMachine), then the scenario's ranges.
    private static List<MemoryMapRegion> ReservedOf(RunPlan plan)
    {
        const ulong Area = 0x100000;
        var machine = plan.Machine;
        var lowmem = Math.Min(machine.Ram, 896UL << 20);
        var areaSize = machine.I386
            ? KernelEnvironment.StackAreaSize + (((lowmem + (4UL << 20) - 1) >> 22) * KernelConstants.PageSize)
            : X86_64KernelEnvironment.SizeFor(machine.Ram);
        var regions = new List<MemoryMapRegion>
        {
            new(0, Area, "below 1 MiB (firmware, real mode)"),
            new(Area, areaSize, "kernel A's own state (page tables, descriptor tables, stack)"),
        };
        regions.AddRange(machine.Kernel.Reserved.Select(r => new MemoryMapRegion(r.Start, r.Length, "reserved in the memory map")));
        if (machine.Kernel.CrashKernel is { } crash)
        {
            regions.Add(new MemoryMapRegion(crash.Start, crash.Length, "crashkernel reservation"));
        }

        return [.. regions.OrderBy(r => r.Start).ThenBy(r => r.Length)];
    }
}
