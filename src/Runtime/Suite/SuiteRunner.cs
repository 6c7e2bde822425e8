using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Suite;

/// <summary>
/// Runs the valid scenarios of a suite, <c>jobs</c> at a time, and hands each result to the caller in input order as
/// soon as it and every result before it are known, so output streams while the run goes on and never depends on
/// the number of jobs. With fail-fast, the first result that does not pass stops scenarios not yet started.
/// </summary>
public static class SuiteRunner
{
    /// <summary>
    /// Runs <paramref name="files"/> (an invalid file, or one that states <c>outcome: skip</c>, gives its result
    /// without running) and calls <paramref name="onResult"/> with each result, in input order; returns every result,
    /// null for a scenario fail-fast or cancellation kept from running.
    /// </summary>
    public static IReadOnlyList<SuiteResult?> Run(IReadOnlyList<SuiteFile> files, int jobs, bool failFast, Action<SuiteResult> onResult, CancellationToken cancellation = default) =>
        Run(files, jobs, failFast, onResult, null, cancellation);

    /// <summary>As above; <paramref name="onStart"/> hears the index of each scenario as it starts, on the thread that runs it.</summary>
    public static IReadOnlyList<SuiteResult?> Run(IReadOnlyList<SuiteFile> files, int jobs, bool failFast, Action<SuiteResult> onResult, Action<int>? onStart, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(onResult);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var results = new SuiteResult?[files.Count];
        var gate = new object();
        var next = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);

        void Complete(SuiteResult result)
        {
            lock (gate)
            {
                results[result.Index] = result;
                if (failFast && !result.Result.Passed)
                {
                    stop.Cancel();
                }

                // Results leave in input order: each waits for the ones before it.
                while (next < results.Length && results[next] is { } ready)
                {
                    onResult(ready);
                    next++;
                }
            }
        }

        try
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = stop.Token }, i =>
            {
                onStart?.Invoke(i);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = RunOne(files[i]);
                Complete(new SuiteResult(i, files[i], result, clock.Elapsed));
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Fail-fast or the caller's cancellation: what has not run has no result.
        }

        return results;
    }

    /// <summary>The result of one file: its run, its skip, or for an invalid file an <c>error</c> carrying its diagnostics.</summary>
    public static ScenarioResult RunOne(SuiteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Plan is { } plan)
        {
            return ScenarioRunner.Run(plan);
        }

        if (file.Valid)
        {
            return ScenarioRunner.Skipped(file.Parsed.Scenario!);
        }

        return ScenarioRunner.Refused(file.Name, file.Parsed.Scenario?.Outcome ?? ExpectedOutcome.Pass, file.Parsed.Diagnostics);
    }
}
