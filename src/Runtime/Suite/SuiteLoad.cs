using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;

namespace KjTest.Runtime.Suite;

/// <summary>The files a suite found, in order, and the arguments that matched nothing.</summary>
/// <param name="Files">Each file, read, checked and planned.</param>
/// <param name="Unmatched">A KJ1005 diagnostic per argument that matched no file.</param>
public sealed record SuiteLoad(IReadOnlyList<SuiteFile> Files, IReadOnlyList<Diagnostic> Unmatched)
{
    /// <summary>
    /// Each file once, as written, in order: a per-era scenario's cells are one file here, with every diagnostic
    /// its cells' planning gave, each once.
    /// </summary>
    public IReadOnlyList<ParseResult> ByFile { get; } = [.. Files.GroupBy(f => f.Path, StringComparer.Ordinal).Select(Merge)];

    private static ParseResult Merge(IEnumerable<SuiteFile> cells)
    {
        var all = cells.ToList();
        return all.Count == 1 ? all[0].File : all[0].File with { Diagnostics = [.. all.SelectMany(c => c.Parsed.Diagnostics).Distinct()] };
    }

    /// <summary>True when every argument matched and every file is valid.</summary>
    public bool AllValid => Unmatched.Count == 0 && Files.All(f => f.Valid);
}
