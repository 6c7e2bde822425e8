using System.Diagnostics;
using System.Globalization;
using KjTest.Runtime.Reports;
using KjTest.Cli.Terminal;
using KjTest.Dsl.Model;
using KjTest.Runtime.Suite;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest run PATH...</c>: checks the scenarios, runs each valid one, prints one line per scenario and the full
/// report of every one that did not pass, the wall time, then <c>N passed, N failed</c> (<c>, N skipped</c>) as the
/// last line. Exit 0 when all pass, 1 when any does not, 2 for invalid input (with <c>--strict</c>, any warning too).
/// </summary>
public sealed class RunCommand(CliOutput output, IAnsiConsole console) : Command<RunSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        var cache = new LastFailedCache(settings.CacheDir);
        if (!Rerun(settings, cache, out var ids))
        {
            return ExitCodes.Usage;
        }

        var overrides = new SuiteOverrides(settings.Seed, settings.MaxInstructions, settings.TimeoutMilliseconds, settings.EraList(out _));
        var loaded = ScenarioLoader.Default().Load(settings.Paths, overrides, settings.Strict, settings.Jobs);
        loaded.PrintDiagnostics(output.Out, output.Colour, settings.MaxDiagnostics);
        if (settings.LastFailed && ids is not null && !loaded.Suite.Files.Any(f => ids.Contains(f.Id)))
        {
            // As pytest's --lf does when none of the recorded failures is among the tests named: everything runs.
            output.Error.Write($"kjtest: --last-failed: none of the {ids.Count} recorded failures is among the files named; running every scenario\n");
            ids = null;
        }

        var selection = settings.Selection(out _)! with { Ids = ids };
        var selected = selection.Apply(loaded.Suite.Files);
        if (ids is not null)
        {
            var found = selected.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var gone = ids.Count(id => !found.Contains(id));
            if (gone > 0)
            {
                output.Error.Write($"kjtest: {gone} of the {ids.Count} scenarios to rerun {(gone == 1 ? "is" : "are")} not among the files named (renamed, moved or deleted?)\n");
            }
        }

        int passed = 0, failed = 0, skipped = 0;
        var results = new List<SuiteResult>();
        string Account(SuiteResult done)
        {
            results.Add(done);
            var result = done.Result;
            var text = new System.Text.StringBuilder();
            if (!settings.Quiet || !result.Passed)
            {
                text.Append(ResultText.Line(result, done.File.Path, output.Colour)).Append('\n');
            }

            // An invalid file's diagnostics were printed above, where they came from.
            if ((!result.Passed || settings.Verbose) && done.File.Valid)
            {
                text.Append(ResultText.Details(result));
            }

            if (settings.Stats && (!settings.Quiet || !result.Passed))
            {
                text.Append(ResultText.Stats(result));
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

            return text.ToString();
        }

        // Each result appears as soon as its scenario and every one before it have ended.
        if (output.Interactive && selected.Count > 0)
        {
            ProgressLine.Show(console, [.. selected.Select(f => f.Name)], line => SuiteRunner.Run(
                selected, settings.Jobs, settings.FailFast, done => line.Finished(done.Index, !done.Result.Passed && done.Result.Actual != OutcomeKind.Skip, Account(done)), line.Started, cancellationToken));
        }
        else
        {
            SuiteRunner.Run(selected, settings.Jobs, settings.FailFast, done => output.Out.Write(Account(done)), cancellationToken);
        }

        new RunReport(results).Write(settings.ReportTargets());
        if (cache.Update(results) is { } cacheError)
        {
            output.Error.Write($"kjtest: warning: {cacheError}\n");
        }

        if (!loaded.AllValid)
        {
            // An invalid file blocks nothing: it counts as an error result, the others ran, and the exit code says so.
            var invalid = loaded.Files.Select(f => f.Source?.Path).Where((_, i) => !loaded.Files[i].Succeeded).Distinct().Count() + loaded.Unmatched.Count;
            output.Error.Write($"kjtest: {invalid} invalid {(invalid == 1 ? "input" : "inputs")}, counted as failed\n");
        }

        output.Out.Write(string.Create(CultureInfo.InvariantCulture, $"{WallTimePrefix}{clock.Elapsed.TotalSeconds:0.00} s\n"));
        output.Out.Write($"{passed} passed, {failed} failed{(skipped > 0 ? $", {skipped} skipped" : "")}\n");
        return !loaded.AllValid ? ExitCodes.Usage : failed == 0 ? ExitCodes.Success : ExitCodes.NotPassed;
    }

    /// <summary>How the wall-time line before the summary starts.</summary>
    public const string WallTimePrefix = "wall time ";

    /// <summary>The ids <c>--rerun-failed</c> or <c>--last-failed</c> select, null for all; false when the report cannot be read.</summary>
    private bool Rerun(RunSettings settings, LastFailedCache cache, out IReadOnlySet<string>? ids)
    {
        ids = null;
        if (settings.RerunFailed is { } report)
        {
            if (FailedIds.Read(report, out var error) is not { } failedIds)
            {
                output.Error.Write($"kjtest: --rerun-failed {error}\n");
                return false;
            }

            if (failedIds.Count == 0)
            {
                output.Error.Write($"kjtest: {report} records no scenario that did not pass; nothing to rerun\n");
            }

            ids = failedIds.ToHashSet(StringComparer.Ordinal);
            return true;
        }

        if (!settings.LastFailed)
        {
            return true;
        }

        if (cache.Read(out var cacheError) is not { } last)
        {
            output.Error.Write($"kjtest: --last-failed: {cacheError}\n");
            return false;
        }

        if (last.Count == 0)
        {
            // As pytest's --lf does: with no failure recorded, everything runs.
            output.Error.Write($"kjtest: --last-failed: no failures recorded in {cache.FilePath}; running every scenario\n");
            return true;
        }

        ids = last.ToHashSet(StringComparer.Ordinal);
        return true;
    }
}
