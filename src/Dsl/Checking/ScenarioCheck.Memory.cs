using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;

namespace KjTest.Dsl.Checking;

internal sealed partial class ScenarioCheck
{
    /// <summary>RAM when the scenario gives no size.</summary>
    public const ulong DefaultRamSize = 64ul << 20;

    private List<(ulong Start, ulong End)>? _memory;

    private void MemoryMap()
    {
        // Sorted by start, a range overlaps an earlier one exactly when it starts before the furthest end so far.
        MemoryRegion? furthest = null;
        foreach (var region in _scenario.Machine.MemoryMap.OrderBy(r => r.Range.Start.Value).ThenBy(r => r.Span.Offset))
        {
            var range = region.Range;
            if (range.Size.Value > ulong.MaxValue - range.Start.Value + 1 && range.Start.Value > 0)
            {
                _diagnostics.Report(DiagnosticCatalogue.RegionPastAddressSpace, range.Size.Span, range.Start.Value, range.Size.Value);
            }

            if (furthest is not null && range.Start.Value < furthest.Range.End && range.Size.Value > 0)
            {
                _diagnostics.Report(DiagnosticCatalogue.OverlappingRegions, region.Span, range.Start.Value, range.End, furthest.Span.Line);
            }

            if (furthest is null || range.End > furthest.Range.End)
            {
                furthest = region;
            }
        }
    }

    /// <summary>The machine's memory as merged half-open ranges: the memory map's ranges, or RAM from 0.</summary>
    private List<(ulong Start, ulong End)> Memory()
    {
        if (_memory is not null)
        {
            return _memory;
        }

        var ranges = _scenario.Machine.MemoryMap.Count > 0
            ? _scenario.Machine.MemoryMap.Select(r => (r.Range.Start.Value, r.Range.End)).OrderBy(r => r.Item1).ToList()
            : [(0ul, _scenario.Machine.RamSize?.Value ?? DefaultRamSize)];
        var merged = new List<(ulong Start, ulong End)>();
        foreach (var (start, end) in ranges)
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        _memory = merged;
        return merged;
    }

    private string MemoryDescription() =>
        _scenario.Machine.MemoryMap.Count > 0
            ? "the memory map's ranges"
            : $"RAM is {SizeSyntax.Format(_scenario.Machine.RamSize?.Value ?? DefaultRamSize)}";

    /// <summary>Reports <paramref name="what"/> when [start, start + length) is not inside the machine's memory.</summary>
    private void WithinMemory(string what, SourceSpan span, ulong start, ulong length)
    {
        var end = start + Math.Max(length, 1);
        if (end < start)
        {
            end = ulong.MaxValue;
        }

        var memory = Memory();
        var index = memory.BinarySearch((start, ulong.MaxValue), Comparer<(ulong Start, ulong End)>.Create((x, y) => x.Start.CompareTo(y.Start)));
        var containing = index >= 0 ? index : ~index - 1;
        if (containing < 0 || end > memory[containing].End)
        {
            _diagnostics.Report(DiagnosticCatalogue.OutsideRam, span, what, start, end, MemoryDescription());
        }
    }

    private void MemoryInits()
    {
        foreach (var init in _scenario.Memory)
        {
            WithinMemory("memory init", init.Span, init.Address.Value, KnownLength(init.Content));
        }
    }

    /// <summary>The byte count of content whose length is known without resolving it; 1 otherwise, to check the first byte.</summary>
    private static ulong KnownLength(Content? content) => content switch
    {
        FillContent fill => fill.Size.Value,
        _ => 1,
    };
}
