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
        var regions = _scenario.Machine.MemoryMap;
        for (var i = 0; i < regions.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var a = regions[i].Range;
                var b = regions[j].Range;
                if (a.Start.Value < b.End && b.Start.Value < a.End)
                {
                    _diagnostics.Report(DiagnosticCatalogue.OverlappingRegions, regions[i].Span, a.Start.Value, a.End, regions[j].Span.Line);
                    break;
                }
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

        if (!Memory().Exists(r => r.Start <= start && end <= r.End))
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
