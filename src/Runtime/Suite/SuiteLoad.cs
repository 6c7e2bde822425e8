using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Suite;

/// <summary>The files a suite found, in order, and the arguments that matched nothing.</summary>
/// <param name="Files">Each file, read, checked and planned.</param>
/// <param name="Unmatched">A KJ1005 diagnostic per argument that matched no file.</param>
public sealed record SuiteLoad(IReadOnlyList<SuiteFile> Files, IReadOnlyList<Diagnostic> Unmatched)
{
    /// <summary>True when every argument matched and every file is valid.</summary>
    public bool AllValid => Unmatched.Count == 0 && Files.All(f => f.Valid);
}
