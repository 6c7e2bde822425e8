using System.Globalization;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>
/// Names for physical addresses of guest code: regions (the relocate routine's code page, kernel A's text and
/// handlers, each image's segments) holding labels; an address is its closest label at or below it, as <c>name+0xoff</c>.
/// </summary>
public sealed class TraceSymbols
{
    private const int FarFromLabel = 0x1000;
    private readonly List<Region> _regions = [];

    /// <summary>
    /// Adds (or replaces, at the same start) the region of <paramref name="size"/> bytes at <paramref name="start"/>
    /// named <paramref name="name"/>, with <paramref name="labels"/> at offsets from its start; every name gets
    /// <paramref name="prefix"/> (<c>A:</c>, <c>B:</c> or none for the relocate routine).
    /// </summary>
    public void Add(ulong start, ulong size, string prefix, string name, IEnumerable<CodeLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _regions.RemoveAll(r => r.Start == start);
        var sorted = labels.Where(l => l.Offset >= 0 && (ulong)l.Offset < size).OrderBy(l => l.Offset).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0 || sorted[0].Offset != 0)
        {
            sorted.Insert(0, new CodeLabel(name, 0));
        }

        _regions.Add(new Region(start, start + size, prefix, name, sorted));
    }

    /// <summary><c>name+0xoff</c> for <paramref name="physical"/>, or null when no region holds it.</summary>
    public string? Name(ulong physical)
    {
        // The latest region wins where two overlap (a later load over an earlier one).
        for (var i = _regions.Count - 1; i >= 0; i--)
        {
            var region = _regions[i];
            if (physical < region.Start || physical >= region.End)
            {
                continue;
            }

            var offset = (int)(physical - region.Start);
            var labels = region.Labels;
            int lo = 0, hi = labels.Count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (labels[mid].Offset <= offset)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            // Of several labels at one offset, the first in name order names it.
            while (lo > 0 && labels[lo - 1].Offset == labels[lo].Offset)
            {
                lo--;
            }

            var label = labels[lo];
            var delta = offset - label.Offset;

            // Far past its last label (a page or more) an address is named from its region: data or code placed there later.
            if (delta >= FarFromLabel)
            {
                label = new CodeLabel(region.Name, 0);
                delta = offset;
            }

            return delta == 0
                ? region.Prefix + label.Name
                : string.Create(CultureInfo.InvariantCulture, $"{region.Prefix}{label.Name}+0x{delta:x}");
        }

        return null;
    }

    private sealed record Region(ulong Start, ulong End, string Prefix, string Name, List<CodeLabel> Labels);
}
