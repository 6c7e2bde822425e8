namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// First level of the sparse RAM table: the chunks of one 1 GiB region. Shared with snapshots like a chunk, and
/// copied (512 references) before the first write after a snapshot, so a snapshot costs the groups of RAM, not its chunks.
/// </summary>
internal sealed class ChunkGroup
{
    /// <summary>Chunks per group, as a power of two.</summary>
    public const int ChunkBits = 9;

    /// <summary>Chunks per group.</summary>
    public const int ChunkCount = 1 << ChunkBits;

    /// <summary>Page-number bits covered by one group.</summary>
    public const int PageBits = ChunkBits + MemoryChunk.PageBits;

    public ChunkGroup(int epoch)
    {
        Epoch = epoch;
        Chunks = new MemoryChunk?[ChunkCount];
    }

    private ChunkGroup(ChunkGroup other, int epoch)
    {
        Epoch = epoch;
        Chunks = (MemoryChunk?[])other.Chunks.Clone();
    }

    /// <summary>Snapshot epoch at which this group was created or copied.</summary>
    public int Epoch { get; }

    /// <summary>The chunks; null means no page of that chunk was written.</summary>
    public MemoryChunk?[] Chunks { get; }

    /// <summary>The chunk holding <paramref name="pageNumber"/> in a table of groups, or null.</summary>
    public static MemoryChunk? ChunkOf(ChunkGroup?[] groups, ulong pageNumber)
    {
        var g = pageNumber >> PageBits;
        return g < (ulong)groups.Length ? groups[g]?.Chunks[(pageNumber >> MemoryChunk.PageBits) & (ChunkCount - 1)] : null;
    }

    /// <summary>A private copy of this group for the given epoch, sharing the chunks themselves.</summary>
    public ChunkGroup CloneFor(int epoch) => new(this, epoch);
}
