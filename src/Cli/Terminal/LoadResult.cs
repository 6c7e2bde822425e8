using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Cli.Terminal;

/// <summary>The files read for a command and the arguments that matched nothing.</summary>
/// <param name="Files">Each file's parse and check result, in order.</param>
/// <param name="Unmatched">A KJ1005 diagnostic per argument that matched no file.</param>
/// <param name="Plans">Each valid file's run plan, null for an invalid one; parallel to <paramref name="Files"/>.</param>
public sealed record LoadResult(IReadOnlyList<ParseResult> Files, IReadOnlyList<Diagnostic> Unmatched, IReadOnlyList<RunPlan?> Plans)
{
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
