using KjTest.Cli.Reports;
using KjTest.Cli.Terminal;
using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest run PATH...</c>: checks the scenarios, runs each valid one, prints one line per scenario and the full
/// report of every one that did not pass, then <c>N passed, N failed</c> (<c>, N skipped</c>) as the last line.
/// Exit 0 when all pass, 1 when any does not, 2 for invalid input (with <c>--strict</c>, any warning too).
/// </summary>
public sealed class RunCommand(CliOutput output) : Command<RunSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load(settings.Paths, settings.Strict);
        loaded.PrintDiagnostics(output.Out, output.Colour);
        if (!loaded.AllValid)
        {
            var invalid = loaded.Files.Count(f => !f.Succeeded) + loaded.Unmatched.Count;
            output.Error.Write($"kjtest: {invalid} invalid {(invalid == 1 ? "input" : "inputs")}; nothing was run\n");
            return ExitCodes.Usage;
        }

        var files = loaded.Files;
        var results = new ScenarioResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs, CancellationToken = cancellationToken }, i =>
        {
            results[i] = loaded.Plans[i] is { } plan ? ScenarioRunner.Run(plan) : ScenarioRunner.Skipped(files[i].Scenario!);
        });

        int passed = 0, failed = 0, skipped = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            output.Out.Write(ScenarioReport.Line(result, files[i].Source?.Path ?? "", output.Colour) + "\n");
            if (!result.Passed)
            {
                output.Out.Write(ScenarioReport.Details(result));
            }

            if (settings.Stats)
            {
                output.Out.Write(ScenarioReport.Stats(result));
            }

            if (result.Actual == OutcomeKind.Skip)
            {
                skipped++;
            }
            else if (result.Passed)
            {
                passed++;
            }
            else
            {
                failed++;
            }
        }

        output.Out.Write($"{passed} passed, {failed} failed{(skipped > 0 ? $", {skipped} skipped" : "")}\n");
        return failed == 0 ? ExitCodes.Success : ExitCodes.NotPassed;
    }
}
