using KjTest.Runtime.Reports;
using KjTest.Cli.Terminal;
using KjTest.Dsl.Model;
using KjTest.Runtime.Suite;
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
        var selection = settings.Selection(out _)!;
        var loaded = ScenarioLoader.Default().Load(settings.Paths, new SuiteOverrides(settings.Seed, settings.MaxInstructions, settings.TimeoutMilliseconds), settings.Strict, settings.Jobs);
        loaded.PrintDiagnostics(output.Out, output.Colour);

        // Each line appears as soon as its scenario and every one before it have ended.
        int passed = 0, failed = 0, skipped = 0;
        var selected = selection.Apply(loaded.Suite.Files);
        var results = new List<SuiteResult>();
        SuiteRunner.Run(selected, settings.Jobs, settings.FailFast, done =>
        {
            results.Add(done);
            var result = done.Result;
            if (!settings.Quiet || !result.Passed)
            {
                output.Out.Write(ResultText.Line(result, done.File.Path, output.Colour) + "\n");
            }

            // An invalid file's diagnostics were printed above, where they came from.
            if ((!result.Passed || settings.Verbose) && done.File.Valid)
            {
                output.Out.Write(ResultText.Details(result));
            }

            if (settings.Stats && (!settings.Quiet || !result.Passed))
            {
                output.Out.Write(ResultText.Stats(result));
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
        }, cancellationToken);

        new RunReport(results).Write(settings.ReportTargets());
        if (!loaded.AllValid)
        {
            // An invalid file blocks nothing: it counts as an error result, the others ran, and the exit code says so.
            var invalid = loaded.Files.Count(f => !f.Succeeded) + loaded.Unmatched.Count;
            output.Error.Write($"kjtest: {invalid} invalid {(invalid == 1 ? "input" : "inputs")}, counted as failed\n");
        }

        output.Out.Write($"{passed} passed, {failed} failed{(skipped > 0 ? $", {skipped} skipped" : "")}\n");
        return !loaded.AllValid ? ExitCodes.Usage : failed == 0 ? ExitCodes.Success : ExitCodes.NotPassed;
    }
}
