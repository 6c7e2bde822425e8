namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// An immutable copy-on-write image of guest RAM. Taking one shares page references with the live
/// memory; the live memory copies a page before its first write after the snapshot.
/// </summary>
public sealed class MemorySnapshot
{
    private readonly ChunkGroup?[] _groups;

    internal MemorySnapshot(ChunkGroup?[] groups, ulong size, SnapshotLineage lineage)
    {
        _groups = groups;
        Size = size;
        Lineage = lineage;
    }

    /// <summary>Size of RAM in bytes.</summary>
    public ulong Size { get; }

    /// <summary>Page numbers written between the previous snapshot (or restored snapshot) and this one.</summary>
    public IReadOnlyList<ulong> PagesWrittenSinceParent => Lineage.PagesWrittenSinceParent;

    internal SnapshotLineage Lineage { get; }

    internal ChunkGroup?[] Groups => _groups;

    /// <summary>Copies bytes of the snapshot into <paramref name="destination"/>; addresses above RAM read as 0xFF.</summary>
    public void Read(ulong address, Span<byte> destination)
    {
        for (var done = 0; done < destination.Length;)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & PhysicalMemory.PageMask);
            var n = Math.Min(destination.Length - done, PhysicalMemory.PageSize - offset);
            var part = destination.Slice(done, n);
            if (a >= Size)
            {
                part.Fill(0xFF);
            }
            else if (Page(a >> PhysicalMemory.PageShift) is { } page)
            {
                page.AsSpan(offset, n).CopyTo(part);
            }
            else
            {
                part.Clear();
            }

            done += n;
        }
    }

    internal byte[]? Page(ulong pageNumber)
    {
        return ChunkGroup.ChunkOf(_groups, pageNumber)?.Pages[pageNumber & (MemoryChunk.PageCount - 1)];
    }

    /// <summary>
    /// The pages whose bytes differ between <paramref name="a"/> and <paramref name="b"/>. When one
    /// descends from the other the cost follows the pages written in between, not the RAM size.
    /// </summary>
    public static MemoryDiff Diff(MemorySnapshot a, MemorySnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var candidates = CandidatePages(a.Lineage, b.Lineage) ?? CandidatePages(b.Lineage, a.Lineage) ?? AllPagesThatMayDiffer(a, b);
        var result = new List<PageDiff>();
        foreach (var pageNumber in candidates.Order())
        {
            var pa = a.Page(pageNumber);
            var pb = b.Page(pageNumber);
            if (ReferenceEquals(pa, pb))
            {
                continue;
            }

            var ranges = DifferingRanges(pa, pb);
            if (ranges.Count > 0)
            {
                result.Add(new PageDiff(pageNumber << PhysicalMemory.PageShift, ranges));
            }
        }

        return new MemoryDiff(result);
    }

    private static HashSet<ulong>? CandidatePages(SnapshotLineage older, SnapshotLineage newer)
    {
        var pages = new HashSet<ulong>();
        for (var s = newer; s is not null; s = s.Parent)
        {
            if (ReferenceEquals(s, older))
            {
                return pages;
            }

            pages.UnionWith(s.PagesWrittenSinceParent);
        }

        return null;
    }

    private static HashSet<ulong> AllPagesThatMayDiffer(MemorySnapshot a, MemorySnapshot b)
    {
        var pages = new HashSet<ulong>();
        var groups = Math.Max(a._groups.Length, b._groups.Length);
        for (var g = 0; g < groups; g++)
        {
            var ga = g < a._groups.Length ? a._groups[g] : null;
            var gb = g < b._groups.Length ? b._groups[g] : null;
            if (ReferenceEquals(ga, gb))
            {
                continue;
            }

            for (var c = 0; c < ChunkGroup.ChunkCount; c++)
            {
                var ca = ga?.Chunks[c];
                var cb = gb?.Chunks[c];
                if (ReferenceEquals(ca, cb))
                {
                    continue;
                }

                var first = ((ulong)g << ChunkGroup.PageBits) | ((ulong)c << MemoryChunk.PageBits);
                for (var p = 0; p < MemoryChunk.PageCount; p++)
                {
                    if (!ReferenceEquals(ca?.Pages[p], cb?.Pages[p]))
                    {
                        pages.Add(first | (uint)p);
                    }
                }
            }
        }

        return pages;
    }

    private static List<(int Offset, int Length)> DifferingRanges(byte[]? pa, byte[]? pb)
    {
        var ranges = new List<(int Offset, int Length)>();
        ReadOnlySpan<byte> zero = PhysicalMemory.ZeroPage;
        ReadOnlySpan<byte> x = pa ?? zero;
        ReadOnlySpan<byte> y = pb ?? zero;
        var i = 0;
        while (i < PhysicalMemory.PageSize)
        {
            var same = x[i..].CommonPrefixLength(y[i..]);
            i += same;
            if (i >= PhysicalMemory.PageSize)
            {
                break;
            }

            var start = i;
            while (i < PhysicalMemory.PageSize && x[i] != y[i])
            {
                i++;
            }

            ranges.Add((start, i - start));
        }

        return ranges;
    }
}
