namespace KjTest.Dsl.Diagnostics;

/// <summary>"Did you mean …?" hints for misspelt keys, flags, registers, devices and names.</summary>
public static class Suggestions
{
    /// <summary>
    /// The closest candidate to <paramref name="word"/> by edit distance (case-insensitive), or null
    /// when nothing is close enough to be a plausible misspelling.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lower = word.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            var distance = Distance(lower, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Allow roughly one typo per three characters, at least one.
        var limit = Math.Max(1, Math.Min(word.Length, best?.Length ?? 0) / 3);
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>The hint sentence for a closest candidate, or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } match ? $"did you mean `{match}`?" : null;

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
