using System.IO.Hashing;
using System.Text;

namespace KjTest.Runtime.Suite;

/// <summary>
/// Which scenarios of a suite run: a filter, tags to include and exclude, and a shard. A file that did not read or
/// check is always kept, so its diagnostics are never filtered away.
/// </summary>
/// <param name="Filter">The <c>--filter</c> expression, or null.</param>
/// <param name="Tags">Run only scenarios with one of these tags (none: all).</param>
/// <param name="ExcludeTags">Never run scenarios with one of these tags.</param>
/// <param name="Shard">Shard <c>Index</c> of <c>Count</c> (1-based), or null for all.</param>
/// <param name="Ids">Run only scenarios with these stable ids (<c>--last-failed</c>, <c>--rerun-failed</c>), or null for all.</param>
public sealed record SuiteSelection(SuiteFilter? Filter, IReadOnlyList<string> Tags, IReadOnlyList<string> ExcludeTags, (int Index, int Count)? Shard, IReadOnlySet<string>? Ids = null)
{
    /// <summary>Everything.</summary>
    public static SuiteSelection All { get; } = new(null, [], [], null);

    /// <summary>The selected files, in input order.</summary>
    public IReadOnlyList<SuiteFile> Apply(IReadOnlyList<SuiteFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var chosen = files.Where(Selected).ToList();
        if (Shard is not var (index, count))
        {
            return chosen;
        }

        // Deterministic by stable id and balanced by count: the files ordered by a hash of their id are dealt out in turn.
        var dealt = chosen.Select((f, i) => (File: f, Input: i))
            .OrderBy(p => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(p.File.Id)))
            .ThenBy(p => p.File.Id, StringComparer.Ordinal)
            .Select((p, rank) => (p.File, p.Input, Shard: (rank % count) + 1))
            .Where(p => p.Shard == index)
            .OrderBy(p => p.Input);
        return [.. dealt.Select(p => p.File)];
    }

    private bool Selected(SuiteFile file)
    {
        if (!file.Valid)
        {
            return true;
        }

        var facts = SuiteFacts.Of(file);
        return (Ids?.Contains(file.Id) ?? true)
            && (Filter?.Matches(facts) ?? true)
            && (Tags.Count == 0 || facts.Tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && !facts.Tags.Any(t => ExcludeTags.Contains(t, StringComparer.OrdinalIgnoreCase));
    }
}
