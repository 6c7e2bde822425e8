namespace KjTest.Runtime.Kernel;

/// <summary>
/// Pages in descending address order, kept as runs of consecutive pages rather than one entry per page, so that the
/// order of a terabyte of RAM costs what its few runs cost.
/// </summary>
internal sealed class RunPageOrder : PageOrder
{
    private readonly ulong[] _top;
    private readonly long[] _length;
    private readonly long[] _firstRank;

    /// <summary>Builds the order from runs given as (highest page, page count), in strictly descending, disjoint order.</summary>
    public RunPageOrder(IReadOnlyList<(ulong Top, long Length)> runs)
    {
        _top = new ulong[runs.Count];
        _length = new long[runs.Count];
        _firstRank = new long[runs.Count];
        long rank = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            _top[i] = runs[i].Top;
            _length[i] = runs[i].Length;
            _firstRank[i] = rank;
            rank += runs[i].Length;
        }

        Count = rank;
    }

    /// <inheritdoc />
    public override long Count { get; }

    /// <inheritdoc />
    public override ulong PageAt(long rank)
    {
        var i = Array.BinarySearch(_firstRank, rank);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return _top[i] - ((ulong)(rank - _firstRank[i]) * KernelConstants.PageSize);
    }

    /// <inheritdoc />
    public override long RankOf(ulong page)
    {
        // Runs are descending: find the first run whose lowest page is at or below the page.
        int lo = 0, hi = _top.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var bottom = _top[mid] - ((ulong)(_length[mid] - 1) * KernelConstants.PageSize);
            if (page > _top[mid])
            {
                hi = mid - 1;
            }
            else if (page < bottom)
            {
                lo = mid + 1;
            }
            else
            {
                var offset = _top[mid] - page;
                return (offset & KernelConstants.PageOffsetMask) == 0 ? _firstRank[mid] + (long)(offset / KernelConstants.PageSize) : -1;
            }
        }

        return -1;
    }
}
