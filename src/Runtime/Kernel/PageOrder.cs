namespace KjTest.Runtime.Kernel;

/// <summary>The allocation order of a page allocator: rank 0 is handed out first.</summary>
internal abstract class PageOrder
{
    /// <summary>Pages in the order.</summary>
    public abstract long Count { get; }

    /// <summary>The page of <paramref name="rank"/> (0 to <see cref="Count"/> - 1).</summary>
    public abstract ulong PageAt(long rank);

    /// <summary>The rank of <paramref name="page"/>, or -1 when the order does not hold it.</summary>
    public abstract long RankOf(ulong page);
}
