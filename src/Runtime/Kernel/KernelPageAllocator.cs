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
    /// <summary>
    /// The most pages a seeded order shuffles (64 GiB): a shuffle needs an entry per page, where the unshuffled order
    /// costs only its runs. The planner refuses a seed on a larger machine.
    /// </summary>
    public const long MaximumShuffledPages = 1L << 24;

    private readonly PageOrder _order;
    private readonly RankSet _taken = new();

    /// <summary>Builds the allocator over <paramref name="pages"/> (page addresses), ordered as described in the type summary.</summary>
    /// <param name="pages">The allocatable page addresses, each 4 KiB aligned.</param>
    /// <param name="shuffleSeed">Null for descending order, or a seed for a deterministic shuffled order.</param>
    public KernelPageAllocator(IEnumerable<ulong> pages, ulong? shuffleSeed = null)
        : this(Shuffled(DistinctDescending(pages), shuffleSeed))
    {
    }

    private KernelPageAllocator(PageOrder order) => _order = order;

    /// <summary>
    /// The allocator of a kernel configured by <paramref name="config"/>: the whole pages of its RAM ranges minus
    /// reserved ranges, crashkernel and <paramref name="occupiedPages"/> (pages the kernel's own state uses).
    /// </summary>
    public static KernelPageAllocator FromConfig(KernelConfig config, IEnumerable<ulong> occupiedPages, ulong? shuffleSeed = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var occupied = occupiedPages.Select(p => p & ~KernelConstants.PageOffsetMask).Distinct().OrderDescending().ToArray();
        var runs = new List<(ulong Top, long Length)>();
        foreach (var range in config.Ram.OrderByDescending(r => r.Start))
        {
            var usable = config.UsablePageRuns(range);
            for (var r = usable.Count - 1; r >= 0; r--)
            {
                // Each run from the top down, split around the occupied pages inside it.
                var (first, last) = usable[r];
                ulong? top = last;
                foreach (var page in occupied)
                {
                    if (page > last || page < first || top is not { } t || page > t)
                    {
                        continue;
                    }

                    if (page < t)
                    {
                        runs.Add((t, (long)((t - page) / KernelConstants.PageSize)));
                    }

                    top = page == first ? null : page - KernelConstants.PageSize;
                }

                if (top is { } rest && rest >= first)
                {
                    runs.Add((rest, (long)((rest - first) / KernelConstants.PageSize) + 1));
                }
            }
        }

        runs = Disjoint(runs);
        if (shuffleSeed is null)
        {
            return new KernelPageAllocator(new RunPageOrder(runs));
        }

        var count = runs.Sum(r => r.Length);
        if (count > MaximumShuffledPages)
        {
            throw new ArgumentException($"a seeded order shuffles at most {MaximumShuffledPages} pages, not {count}", nameof(shuffleSeed));
        }

        var pages = new ulong[count];
        var k = 0;
        foreach (var (top, length) in runs)
        {
            for (long i = 0; i < length; i++)
            {
                pages[k++] = top - ((ulong)i * KernelConstants.PageSize);
            }
        }

        return new KernelPageAllocator(Shuffled(pages, shuffleSeed));
    }

    /// <summary>An allocator that hands out <paramref name="pages"/> in exactly the given order (for scripted allocation).</summary>
    public static KernelPageAllocator InOrder(IEnumerable<ulong> pages) => new(new ListPageOrder([.. pages.Distinct()]));

    /// <summary>Number of pages the allocator manages, free or not.</summary>
    public long TotalPages => _order.Count;

    /// <summary>Number of free pages.</summary>
    public long FreePages => _order.Count - _taken.Count;

    /// <summary>The free pages in allocation order.</summary>
    public IEnumerable<ulong> FreePagesInOrder
    {
        get
        {
            for (var rank = NextFree(0); rank >= 0; rank = NextFree(rank + 1))
            {
                yield return _order.PageAt(rank);
            }
        }
    }

    /// <summary>Whether <paramref name="page"/> is managed by this allocator.</summary>
    public bool Manages(ulong page) => _order.RankOf(page) >= 0;

    /// <summary>Whether <paramref name="page"/> is managed and currently free.</summary>
    public bool IsFree(ulong page) => _order.RankOf(page) is var rank && rank >= 0 && !_taken.Contains(rank);

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
            var block = _order.PageAt(rank) & ~(size - 1);
            if (block + size > limit || block + size < block)
            {
                continue;
            }

            if (IsBlockFree(block, count))
            {
                for (ulong i = 0; i < count; i++)
                {
                    _taken.Add(_order.RankOf(block + (i * KernelConstants.PageSize)));
                }

                return block;
            }
        }

        return null;
    }

    /// <summary>Takes a specific free page out of the pool (for state the runtime places itself); false when not free.</summary>
    public bool Claim(ulong page)
    {
        var rank = _order.RankOf(page);
        if (rank < 0 || _taken.Contains(rank))
        {
            return false;
        }

        _taken.Add(rank);
        return true;
    }

    /// <summary>Returns 2^<paramref name="order"/> pages starting at <paramref name="block"/> to the pool.</summary>
    public void Free(ulong block, int order = 0)
    {
        for (ulong i = 0; i < 1UL << order; i++)
        {
            var page = block + (i * KernelConstants.PageSize);
            var rank = _order.RankOf(page);
            if (rank < 0 || !_taken.Contains(rank))
            {
                throw new InvalidOperationException($"Page 0x{page:x} is not an allocated page of this allocator.");
            }

            _taken.Remove(rank);
        }
    }

    private bool IsBlockFree(ulong block, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            var rank = _order.RankOf(block + (i * KernelConstants.PageSize));
            if (rank < 0 || _taken.Contains(rank))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lowest free rank at or above <paramref name="from"/>, or -1.</summary>
    private long NextFree(long from) => _taken.NextAbsent(from, _order.Count);

    private static PageOrder Shuffled(ulong[] pageByRank, ulong? shuffleSeed)
    {
        if (Array.Exists(pageByRank, p => (p & KernelConstants.PageOffsetMask) != 0))
        {
            throw new ArgumentException("Page addresses must be 4 KiB aligned.", nameof(pageByRank));
        }

        if (shuffleSeed is { } seed)
        {
            var state = seed;
            for (var i = pageByRank.Length - 1; i > 0; i--)
            {
                var j = (int)(NextSplitMix64(ref state) % (ulong)(i + 1));
                (pageByRank[i], pageByRank[j]) = (pageByRank[j], pageByRank[i]);
            }
        }

        return new ListPageOrder(pageByRank);
    }

    /// <summary>Runs sorted from the top down, with any page covered twice (overlapping RAM ranges) kept once.</summary>
    private static List<(ulong Top, long Length)> Disjoint(List<(ulong Top, long Length)> runs)
    {
        runs.Sort((a, b) => b.Top.CompareTo(a.Top));
        var result = new List<(ulong Top, long Length)>(runs.Count);
        foreach (var (top, length) in runs)
        {
            var bottom = top - ((ulong)(length - 1) * KernelConstants.PageSize);
            var start = top;
            if (result.Count > 0)
            {
                var (prevTop, prevLength) = result[^1];
                var prevBottom = prevTop - ((ulong)(prevLength - 1) * KernelConstants.PageSize);
                if (bottom >= prevBottom)
                {
                    continue;
                }

                if (start >= prevBottom)
                {
                    start = prevBottom - KernelConstants.PageSize;
                }
            }

            result.Add((start, (long)((start - bottom) / KernelConstants.PageSize) + 1));
        }

        return result;
    }

    private static ulong[] DistinctDescending(IEnumerable<ulong> pages)
    {
        var sorted = pages.ToArray();
        if (ListPageOrder.IsStrictlyDescending(sorted))
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

    private static ulong NextSplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
