namespace KjTest.Runtime.Kernel;

/// <summary>Pages in an explicit order, one entry per page: a scripted order, or the seeded shuffle of every page.</summary>
internal sealed class ListPageOrder : PageOrder
{
    private readonly ulong[] _pageByRank;

    // Page to rank: a binary search over _pageByRank while it is strictly descending, otherwise over the pages sorted
    // ascending with their ranks beside them. Cheaper to build than a dictionary of every page.
    private readonly ulong[]? _sortedPages;
    private readonly int[]? _rankOfSorted;

    /// <summary>Builds the order; <paramref name="pageByRank"/> holds distinct pages and is kept, not copied.</summary>
    public ListPageOrder(ulong[] pageByRank)
    {
        _pageByRank = pageByRank;
        if (!IsStrictlyDescending(pageByRank))
        {
            _sortedPages = (ulong[])pageByRank.Clone();
            _rankOfSorted = new int[pageByRank.Length];
            for (var i = 0; i < _rankOfSorted.Length; i++)
            {
                _rankOfSorted[i] = i;
            }

            Array.Sort(_sortedPages, _rankOfSorted);
        }
    }

    /// <inheritdoc />
    public override long Count => _pageByRank.Length;

    /// <inheritdoc />
    public override ulong PageAt(long rank) => _pageByRank[rank];

    /// <inheritdoc />
    public override long RankOf(ulong page)
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

    /// <summary>True when every page is below the one before it.</summary>
    public static bool IsStrictlyDescending(ulong[] pages)
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
}
