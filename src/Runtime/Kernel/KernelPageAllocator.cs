namespace KjTest.Runtime.Kernel;

/// <summary>
/// The page allocator of the kernel under test, over its free RAM pages: every whole 4 KiB page of the RAM ranges
/// that is neither reserved, nor crashkernel, nor occupied by the kernel's own state.
/// Pages are handed out in a fixed order: descending from the top of usable RAM, like a zone allocator that
/// serves ZONE_HIGHMEM/ZONE_NORMAL before the low zones; with a seed the order is a SplitMix64 Fisher-Yates
/// shuffle of that list instead, so tests can make source pages land on destinations.
/// A freed page goes back to its place in the order, so equal call sequences give equal pages.
/// Multi-page requests return naturally aligned blocks, as the buddy allocator does.
/// </summary>
public sealed class KernelPageAllocator
{
    private readonly ulong[] _pageByRank;
    private readonly Dictionary<ulong, int> _rankByPage;
    private readonly SortedSet<int> _freeRanks = [];

    /// <summary>Builds the allocator over <paramref name="pages"/> (page addresses), ordered as described in the type summary.</summary>
    /// <param name="pages">The allocatable page addresses, each 4 KiB aligned.</param>
    /// <param name="shuffleSeed">Null for descending order, or a seed for a deterministic shuffled order.</param>
    public KernelPageAllocator(IEnumerable<ulong> pages, ulong? shuffleSeed = null)
        : this(pages.Distinct().OrderByDescending(p => p).ToArray(), shuffleSeed)
    {
    }

    private KernelPageAllocator(ulong[] pageByRank, ulong? shuffleSeed)
    {
        _pageByRank = pageByRank;
        if (Array.Exists(_pageByRank, p => (p & KernelConstants.PageOffsetMask) != 0))
        {
            throw new ArgumentException("Page addresses must be 4 KiB aligned.", nameof(pageByRank));
        }

        if (shuffleSeed is { } seed)
        {
            var state = seed;
            for (var i = _pageByRank.Length - 1; i > 0; i--)
            {
                var j = (int)(NextSplitMix64(ref state) % (ulong)(i + 1));
                (_pageByRank[i], _pageByRank[j]) = (_pageByRank[j], _pageByRank[i]);
            }
        }

        _rankByPage = new Dictionary<ulong, int>(_pageByRank.Length);
        for (var i = 0; i < _pageByRank.Length; i++)
        {
            _rankByPage[_pageByRank[i]] = i;
            _freeRanks.Add(i);
        }
    }

    /// <summary>
    /// The allocator of a kernel configured by <paramref name="config"/>: the whole pages of its RAM ranges minus
    /// reserved ranges, crashkernel and <paramref name="occupiedPages"/> (pages the kernel's own state uses).
    /// </summary>
    public static KernelPageAllocator FromConfig(KernelConfig config, IEnumerable<ulong> occupiedPages, ulong? shuffleSeed = null)
    {
        var occupied = occupiedPages.Select(p => p & ~KernelConstants.PageOffsetMask).ToHashSet();
        var pages = new List<ulong>();
        foreach (var range in config.Ram)
        {
            var first = (range.Start + KernelConstants.PageOffsetMask) & ~KernelConstants.PageOffsetMask;
            for (var page = first; page >= first && page + KernelConstants.PageSize <= range.End; page += KernelConstants.PageSize)
            {
                if (!config.IsReserved(page) && !occupied.Contains(page))
                {
                    pages.Add(page);
                }
            }
        }

        return new KernelPageAllocator(pages, shuffleSeed);
    }

    /// <summary>An allocator that hands out <paramref name="pages"/> in exactly the given order (for scripted allocation).</summary>
    public static KernelPageAllocator InOrder(IEnumerable<ulong> pages) => new(pages.Distinct().ToArray(), null);

    /// <summary>Number of pages the allocator manages, free or not.</summary>
    public int TotalPages => _pageByRank.Length;

    /// <summary>Number of free pages.</summary>
    public int FreePages => _freeRanks.Count;

    /// <summary>The free pages in allocation order.</summary>
    public IEnumerable<ulong> FreePagesInOrder => _freeRanks.Select(r => _pageByRank[r]);

    /// <summary>Whether <paramref name="page"/> is managed by this allocator.</summary>
    public bool Manages(ulong page) => _rankByPage.ContainsKey(page);

    /// <summary>Whether <paramref name="page"/> is managed and currently free.</summary>
    public bool IsFree(ulong page) => _rankByPage.TryGetValue(page, out var rank) && _freeRanks.Contains(rank);

    /// <summary>
    /// Allocates 2^<paramref name="order"/> contiguous, naturally aligned pages that all lie below
    /// <paramref name="limit"/> (exclusive; use <see cref="ulong.MaxValue"/> for no limit), or returns null when none is free.
    /// </summary>
    public ulong? Allocate(int order, ulong limit = ulong.MaxValue)
    {
        var count = 1UL << order;
        var size = count * KernelConstants.PageSize;
        foreach (var rank in _freeRanks)
        {
            var block = _pageByRank[rank] & ~(size - 1);
            if (block + size > limit || block + size < block)
            {
                continue;
            }

            if (IsBlockFree(block, count))
            {
                for (ulong i = 0; i < count; i++)
                {
                    _freeRanks.Remove(_rankByPage[block + (i * KernelConstants.PageSize)]);
                }

                return block;
            }
        }

        return null;
    }

    /// <summary>Takes a specific free page out of the pool (for state the runtime places itself); false when not free.</summary>
    public bool Claim(ulong page)
    {
        if (!_rankByPage.TryGetValue(page, out var rank))
        {
            return false;
        }

        return _freeRanks.Remove(rank);
    }

    /// <summary>Returns 2^<paramref name="order"/> pages starting at <paramref name="block"/> to the pool.</summary>
    public void Free(ulong block, int order = 0)
    {
        for (ulong i = 0; i < 1UL << order; i++)
        {
            var page = block + (i * KernelConstants.PageSize);
            if (!_rankByPage.TryGetValue(page, out var rank) || !_freeRanks.Add(rank))
            {
                throw new InvalidOperationException($"Page 0x{page:x} is not an allocated page of this allocator.");
            }
        }
    }

    private bool IsBlockFree(ulong block, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            if (!_rankByPage.TryGetValue(block + (i * KernelConstants.PageSize), out var rank) || !_freeRanks.Contains(rank))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong NextSplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
