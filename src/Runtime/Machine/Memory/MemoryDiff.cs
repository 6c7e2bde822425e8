namespace KjTest.Runtime.Machine.Memory;

/// <summary>The pages that differ between two memory snapshots, in ascending address order.</summary>
/// <param name="Pages">The differing pages with their byte ranges.</param>
public sealed record MemoryDiff(IReadOnlyList<PageDiff> Pages)
{
    /// <summary>True when the two snapshots hold the same bytes.</summary>
    public bool IsEmpty => Pages.Count == 0;

    /// <summary>Total number of differing bytes.</summary>
    public long ByteCount => Pages.Sum(p => p.Ranges.Sum(r => (long)r.Length));
}
