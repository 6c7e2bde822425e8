namespace KjTest.Runtime.Kernel;

/// <summary>
/// The allocated ranks of a page allocator, as a bit set whose words exist only where a rank was ever taken: its
/// cost follows the pages handed out, not the pages managed.
/// </summary>
internal sealed class RankSet
{
    private readonly Dictionary<long, ulong> _words = [];

    // Words below this one are known full; the lowest free rank is at or above its first bit.
    private long _firstOpenWord;

    /// <summary>Ranks in the set.</summary>
    public long Count { get; private set; }

    /// <summary>Whether <paramref name="rank"/> is in the set.</summary>
    public bool Contains(long rank) => _words.TryGetValue(rank >> 6, out var bits) && (bits & (1UL << (int)(rank & 63))) != 0;

    /// <summary>Adds <paramref name="rank"/>, which must not be in the set.</summary>
    public void Add(long rank)
    {
        _words.TryGetValue(rank >> 6, out var bits);
        _words[rank >> 6] = bits | (1UL << (int)(rank & 63));
        Count++;
    }

    /// <summary>Removes <paramref name="rank"/>, which must be in the set.</summary>
    public void Remove(long rank)
    {
        var bits = _words[rank >> 6] & ~(1UL << (int)(rank & 63));
        if (bits == 0)
        {
            _words.Remove(rank >> 6);
        }
        else
        {
            _words[rank >> 6] = bits;
        }

        Count--;
        _firstOpenWord = Math.Min(_firstOpenWord, rank >> 6);
    }

    /// <summary>The lowest rank at or above <paramref name="from"/> and below <paramref name="limit"/> that is not in the set, or -1.</summary>
    public long NextAbsent(long from, long limit)
    {
        var word = from >> 6;
        if (word <= _firstOpenWord)
        {
            while (_words.TryGetValue(_firstOpenWord, out var full) && full == ulong.MaxValue)
            {
                _firstOpenWord++;
            }

            if (word < _firstOpenWord)
            {
                word = _firstOpenWord;
                from = word << 6;
            }
        }

        while (from < limit)
        {
            _words.TryGetValue(word, out var bits);
            var open = ~bits & (ulong.MaxValue << (int)(from & 63));
            if (open != 0)
            {
                var rank = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(open);
                return rank < limit ? rank : -1;
            }

            word++;
            from = word << 6;
        }

        return -1;
    }
}
