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

    // Page to rank: a binary search over _pageByRank while it is strictly descending (no shuffle), otherwise over
    // the pages sorted ascending with their ranks beside them. Cheaper to build than a dictionary of every page.
    private readonly ulong[]? _sortedPages;
    private readonly int[]? _rankOfSorted;

    // The free ranks as a bit set, walked in ascending rank order like the ordered set it replaces.
    private readonly ulong[] _free;
    private int _freeCount;
    private int _firstFreeWord;

    /// <summary>Builds the allocator over <paramref name="pages"/> (page addresses), ordered as described in the type summary.</summary>
    /// <param name="pages">The allocatable page addresses, each 4 KiB aligned.</param>
    /// <param name="shuffleSeed">Null for descending order, or a seed for a deterministic shuffled order.</param>
    public KernelPageAllocator(IEnumerable<ulong> pages, ulong? shuffleSeed = null)
        : this(DistinctDescending(pages), shuffleSeed)
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

        if (!IsStrictlyDescending(_pageByRank))
        {
            _sortedPages = (ulong[])_pageByRank.Clone();
            _rankOfSorted = new int[_pageByRank.Length];
            for (var i = 0; i < _rankOfSorted.Length; i++)
            {
                _rankOfSorted[i] = i;
            }

            Array.Sort(_sortedPages, _rankOfSorted);
        }

        _free = new ulong[(_pageByRank.Length + 63) / 64];
        Array.Fill(_free, ulong.MaxValue);
        if (_pageByRank.Length % 64 != 0)
        {
            _free[^1] = (1UL << (_pageByRank.Length % 64)) - 1;
        }

        _freeCount = _pageByRank.Length;
    }

    /// <summary>
    /// The allocator of a kernel configured by <paramref name="config"/>: the whole pages of its RAM ranges minus
    /// reserved ranges, crashkernel and <paramref name="occupiedPages"/> (pages the kernel's own state uses).
    /// </summary>
    public static KernelPageAllocator FromConfig(KernelConfig config, IEnumerable<ulong> occupiedPages, ulong? shuffleSeed = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var occupied = occupiedPages.Select(p => p & ~KernelConstants.PageOffsetMask).ToHashSet();
        var pages = new List<ulong>();
        foreach (var range in config.Ram)
        {
            // Walked from the top down, so one RAM range gives the descending order without sorting.
            var runs = config.UsablePageRuns(range);
            for (var r = runs.Count - 1; r >= 0; r--)
            {
                var (first, last) = runs[r];
                pages.EnsureCapacity(pages.Count + (int)Math.Min(((last - first) / KernelConstants.PageSize) + 1, int.MaxValue));
                for (var page = last; page >= first && page <= last; page -= KernelConstants.PageSize)
                {
                    if (!occupied.Contains(page))
                    {
                        pages.Add(page);
                    }
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
    public int FreePages => _freeCount;

    /// <summary>The free pages in allocation order.</summary>
    public IEnumerable<ulong> FreePagesInOrder
    {
        get
        {
            for (var rank = NextFree(0); rank >= 0; rank = NextFree(rank + 1))
            {
                yield return _pageByRank[rank];
            }
        }
    }

    /// <summary>Whether <paramref name="page"/> is managed by this allocator.</summary>
    public bool Manages(ulong page) => RankOf(page) >= 0;

    /// <summary>Whether <paramref name="page"/> is managed and currently free.</summary>
    public bool IsFree(ulong page) => RankOf(page) is var rank && rank >= 0 && IsFreeRank(rank);

    /// <summary>
    /// Allocates 2^<paramref name="order"/> contiguous, naturally aligned pages that all lie below
    /// <paramref name="limit"/> (exclusive; use <see cref="ulong.MaxValue"/> for no limit), or returns null when none is free.
    /// </summary>
    public ulong? Allocate(int order, ulong limit = ulong.MaxValue)
    {
        var count = 1UL << order;
        var size = count * KernelConstants.PageSize;
        for (var rank = NextFree(0); rank >= 0; rank = NextFree(rank + 1))
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
                    TakeRank(RankOf(block + (i * KernelConstants.PageSize)));
                }

                return block;
            }
        }

        return null;
    }

    /// <summary>Takes a specific free page out of the pool (for state the runtime places itself); false when not free.</summary>
    public bool Claim(ulong page)
    {
        var rank = RankOf(page);
        if (rank < 0 || !IsFreeRank(rank))
        {
            return false;
        }

        TakeRank(rank);
        return true;
    }

    /// <summary>Returns 2^<paramref name="order"/> pages starting at <paramref name="block"/> to the pool.</summary>
    public void Free(ulong block, int order = 0)
    {
        for (ulong i = 0; i < 1UL << order; i++)
        {
            var page = block + (i * KernelConstants.PageSize);
            var rank = RankOf(page);
            if (rank < 0 || IsFreeRank(rank))
            {
                throw new InvalidOperationException($"Page 0x{page:x} is not an allocated page of this allocator.");
            }

            _free[rank >> 6] |= 1UL << (rank & 63);
            _freeCount++;
            _firstFreeWord = Math.Min(_firstFreeWord, rank >> 6);
        }
    }

    private bool IsBlockFree(ulong block, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            var rank = RankOf(block + (i * KernelConstants.PageSize));
            if (rank < 0 || !IsFreeRank(rank))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsFreeRank(int rank) => (_free[rank >> 6] & (1UL << (rank & 63))) != 0;

    private void TakeRank(int rank)
    {
        _free[rank >> 6] &= ~(1UL << (rank & 63));
        _freeCount--;
    }

    /// <summary>The lowest free rank at or above <paramref name="from"/>, or -1.</summary>
    private int NextFree(int from)
    {
        var word = from >> 6;
        if (word <= _firstFreeWord)
        {
            // Words below the first one that may hold a free rank are known empty; skip to it and move it up.
            while (_firstFreeWord < _free.Length && _free[_firstFreeWord] == 0)
            {
                _firstFreeWord++;
            }

            if (word < _firstFreeWord)
            {
                word = _firstFreeWord;
                from = word << 6;
            }
        }

        if (word >= _free.Length)
        {
            return -1;
        }

        var bits = _free[word] & (ulong.MaxValue << (from & 63));
        while (bits == 0)
        {
            if (++word >= _free.Length)
            {
                return -1;
            }

            bits = _free[word];
        }

        return (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>The rank of <paramref name="page"/>, or -1 when the allocator does not manage it.</summary>
    private int RankOf(ulong page)
    {
        if (_sortedPages is null)
        {
            // Strictly descending: a binary search with the order reversed.
            int lo = 0, hi = _pageByRank.Length - 1;
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) >> 1);
                var value = _pageByRank[mid];
                if (value == page)
                {
                    return mid;
                }

                if (value > page)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return -1;
        }

        var index = Array.BinarySearch(_sortedPages, page);
        return index >= 0 ? _rankOfSorted![index] : -1;
    }

    private static ulong[] DistinctDescending(IEnumerable<ulong> pages)
    {
        var sorted = pages.ToArray();
        if (IsStrictlyDescending(sorted))
        {
            return sorted;
        }

        Array.Sort(sorted);
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (count == 0 || sorted[count - 1] != sorted[i])
            {
                sorted[count++] = sorted[i];
            }
        }

        Array.Resize(ref sorted, count);
        Array.Reverse(sorted);
        return sorted;
    }

    private static bool IsStrictlyDescending(ulong[] pages)
    {
        for (var i = 1; i < pages.Length; i++)
        {
            if (pages[i - 1] <= pages[i])
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
