using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Suite;

namespace KjTest.Cli.Terminal;

/// <summary>The files read for a command, as the suite loaded them, and the arguments that matched nothing.</summary>
/// <param name="Suite">The suite's files (read, checked, planned) and unmatched arguments.</param>
public sealed record LoadResult(SuiteLoad Suite)
{
    /// <summary>Each file's parse and check result as written (the planner's diagnostics included), in order; a per-era scenario is one file.</summary>
    public IReadOnlyList<ParseResult> Files => Suite.ByFile;

    /// <summary>What runs: each scenario, or each era's cell of a per-era one, with its plan (null when invalid or skipped).</summary>
    public IReadOnlyList<SuiteFile> Cells => Suite.Files;

    /// <summary>A KJ1005 diagnostic per argument that matched no file.</summary>
    public IReadOnlyList<Diagnostic> Unmatched => Suite.Unmatched;

    /// <summary>True when every argument matched and every file is valid.</summary>
    public bool AllValid => Unmatched.Count == 0 && Files.All(f => f.Succeeded);

    /// <summary>
    /// Prints the diagnostics: unmatched arguments first, then each file's in order, at most
    /// <paramref name="maxPerFile"/> per file and then one line counting the rest.
    /// </summary>
    public void PrintDiagnostics(TextWriter writer, bool colour, int maxPerFile)
    {
        foreach (var diagnostic in Unmatched)
        {
            writer.Write($"kjtest: {diagnostic.Id}: {diagnostic.Message}\n");
        }

        foreach (var file in Files)
        {
            foreach (var diagnostic in file.Diagnostics.Take(maxPerFile))
            {
                DiagnosticPrinter.Print(writer, diagnostic, file.Source, colour);
            }

            if (file.Diagnostics.Count > maxPerFile)
            {
                var rest = file.Diagnostics.Skip(maxPerFile).ToList();
                var path = rest.Select(d => d.Span.Path).FirstOrDefault(p => !string.IsNullOrEmpty(p)) ?? file.Source?.Path ?? "kjtest";
                writer.Write($"{path}: and {rest.Count} more ({rest.Count(d => d.IsError)} errors, {rest.Count(d => !d.IsError)} warnings); --max-diagnostics N shows more\n");
            }
        }
    }
}
