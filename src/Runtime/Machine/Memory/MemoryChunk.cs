namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// Second level of the sparse RAM table: the pages of one 2 MiB region. A chunk or page whose
/// epoch is older than the memory's current epoch is shared with a snapshot and is copied before a write.
/// </summary>
internal sealed class MemoryChunk
{
    /// <summary>Pages per chunk, as a power of two.</summary>
    public const int PageBits = 9;

    /// <summary>Pages per chunk.</summary>
    public const int PageCount = 1 << PageBits;

    public MemoryChunk(int epoch)
    {
        Epoch = epoch;
        Pages = new byte[]?[PageCount];
        PageEpochs = new int[PageCount];
    }

    private MemoryChunk(MemoryChunk other, int epoch)
    {
        Epoch = epoch;
        Pages = (byte[]?[])other.Pages.Clone();
        PageEpochs = (int[])other.PageEpochs.Clone();
    }

    /// <summary>Snapshot epoch at which this chunk was created or copied.</summary>
    public int Epoch { get; }

    /// <summary>The pages; null means never written.</summary>
    public byte[]?[] Pages { get; }

    /// <summary>Epoch at which each page was created or copied.</summary>
    public int[] PageEpochs { get; }

    /// <summary>A private copy of this chunk for the given epoch, sharing the pages themselves.</summary>
    public MemoryChunk CloneFor(int epoch) => new(this, epoch);
}
