namespace KjTest.Dsl.Diagnostics;

/// <summary>"Did you mean …?" hints for misspelt keys, flags, registers, devices and names.</summary>
public static class Suggestions
{
    /// <summary>The longest word a hint is looked for: a longer token is no misspelling of a name.</summary>
    public const int MaxWordLength = 64;

    /// <summary>
    /// The closest candidate to <paramref name="word"/> by edit distance (case-insensitive), or null
    /// when nothing is close enough to be a plausible misspelling.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        if (word.Length > MaxWordLength)
        {
            return null;
        }

        // Allow roughly one typo per three characters, at least one. No candidate's allowance exceeds the
        // word's, so distances past it need not be computed exactly: the band keeps the cost linear.
        var band = Math.Max(1, word.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        var lower = word.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            var distance = Distance(lower, candidate.ToLowerInvariant(), band);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var limit = Math.Max(1, Math.Min(word.Length, best?.Length ?? 0) / 3);
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>The hint sentence for a closest candidate, or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } match ? $"did you mean `{match}`?" : null;

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b) => Distance(a, b, Math.Max(a?.Length ?? 0, b?.Length ?? 0));

    /// <summary>
    /// The optimal string alignment distance when it is at most <paramref name="max"/>, else <paramref name="max"/> + 1.
    /// Only cells within <paramref name="max"/> of the diagonal are computed, in three rows: time
    /// O(length × max), memory O(length).
    /// </summary>
    public static int Distance(string a, string b, int max)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var over = max + 1;
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return over;
        }

        var twoBack = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(1, i - max);
            var high = Math.Min(b.Length, i + max);
            current[0] = Math.Min(i, over);
            if (low > 1)
            {
                current[low - 1] = over;
            }

            var rowBest = current[0];
            for (var j = low; j <= high; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var cell = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    cell = Math.Min(cell, twoBack[j - 2] + 1);
                }

                current[j] = Math.Min(cell, over);
                rowBest = Math.Min(rowBest, current[j]);
            }

            if (high < b.Length)
            {
                current[high + 1] = over;
            }

            if (rowBest > max)
            {
                return over;
            }

            (twoBack, previous, current) = (previous, current, twoBack);
        }

        return previous[b.Length];
    }
}
