using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Suite;

namespace KjTest.Cli.Terminal;

/// <summary>The files read for a command, as the suite loaded them, and the arguments that matched nothing.</summary>
/// <param name="Suite">The suite's files (read, checked, planned) and unmatched arguments.</param>
public sealed record LoadResult(SuiteLoad Suite)
{
    /// <summary>Each file's parse and check result (the planner's diagnostics included), in order.</summary>
    public IReadOnlyList<ParseResult> Files { get; } = [.. Suite.Files.Select(f => f.Parsed)];

    /// <summary>Each valid file's run plan, null for an invalid one or one that states <c>outcome: skip</c>; parallel to <see cref="Files"/>.</summary>
    public IReadOnlyList<RunPlan?> Plans { get; } = [.. Suite.Files.Select(f => f.Plan)];

    /// <summary>A KJ1005 diagnostic per argument that matched no file.</summary>
    public IReadOnlyList<Diagnostic> Unmatched => Suite.Unmatched;

    /// <summary>True when every argument matched and every file is valid.</summary>
    public bool AllValid => Unmatched.Count == 0 && Files.All(f => f.Succeeded);

    /// <summary>Prints every diagnostic: unmatched arguments first, then each file's in order.</summary>
    public void PrintDiagnostics(TextWriter writer, bool colour)
    {
        foreach (var diagnostic in Unmatched)
        {
            writer.Write($"kjtest: {diagnostic.Id}: {diagnostic.Message}\n");
        }

        foreach (var file in Files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                DiagnosticPrinter.Print(writer, diagnostic, file.Source, colour);
            }
        }
    }
}
