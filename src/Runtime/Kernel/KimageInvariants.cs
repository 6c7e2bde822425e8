namespace KjTest.Runtime.Kernel;

/// <summary>
/// The consequences of <c>kimage_alloc_page</c>'s rule that a harness can check (reference 3.3): destination ranges are
/// pairwise disjoint; a source page is outside every destination range unless it is its own destination; indirection,
/// control, swap and prepare (identity table) pages are outside every destination range.
/// </summary>
public static class KimageInvariants
{
    /// <summary>Every violation found in <paramref name="layout"/>, as sentences; empty when the layout is sound.</summary>
    public static IReadOnlyList<string> Check(KimageLayout layout)
    {
        var violations = new List<string>();
        var ranges = layout.DestinationRanges.ToArray();
        for (var i = 0; i < ranges.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ranges[i].Start < ranges[j].End && ranges[j].Start < ranges[i].End)
                {
                    violations.Add($"destination ranges {ranges[j]} and {ranges[i]} overlap");
                }
            }
        }

        bool InDestinations(ulong page) => ranges.Any(r => r.TouchesPage(page));

        foreach (var page in layout.Pages)
        {
            if (page.Source != page.Destination && InDestinations(page.Source))
            {
                violations.Add($"source page 0x{page.Source:x} of destination 0x{page.Destination:x} is another page's destination");
            }
        }

        void CheckOutside(string what, IEnumerable<ulong> pages)
        {
            foreach (var page in pages.Where(InDestinations))
            {
                violations.Add($"{what} page 0x{page:x} lies in a destination range");
            }
        }

        CheckOutside("indirection", layout.IndirectionPages);
        CheckOutside("control", layout.ControlPages);

        CheckOutside("swap", layout.SwapPage is { } swap ? [swap] : []);
        CheckOutside("identity table", layout.PreparePages);
        return violations;
    }
}
