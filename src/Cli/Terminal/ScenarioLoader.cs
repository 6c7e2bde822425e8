using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Cli.Terminal;

/// <summary>Reads and checks the scenario files named on a command line.</summary>
public sealed class ScenarioLoader
{
    private readonly ScenarioReader _reader;
    private readonly ScenarioChecker _checker;

    /// <summary>Creates a loader over the given reader and checker.</summary>
    public ScenarioLoader(ScenarioReader reader, ScenarioChecker checker)
    {
        _reader = reader;
        _checker = checker;
    }

    /// <summary>A loader over every front end (<see cref="FrontEnds"/>).</summary>
    public static ScenarioLoader Default() => new(FrontEnds.CreateReader(), FrontEnds.CreateChecker());

    /// <summary>
    /// Expands <paramref name="paths"/> and reads and checks every file found; with <paramref name="strict"/>, every
    /// warning counts as an error, so a file with one is invalid and has no plan.
    /// </summary>
    public LoadResult Load(IEnumerable<string> paths, bool strict = false)
    {
        var (files, unmatched) = ScenarioFiles.Expand(paths, _reader);
        var results = new List<ParseResult>();
        var plans = new List<RunPlan?>();
        foreach (var file in files)
        {
            var read = _checker.Check(_reader.ReadFile(file));
            var (checkedFile, plan) = strict ? Strict(Plan(read, file)) : Plan(read, file);
            results.Add(checkedFile);
            plans.Add(plan);
        }

        return new LoadResult(results, unmatched, plans);
    }

    /// <summary>Warnings as errors: the checker's, the planner's and the front ends' alike.</summary>
    private static (ParseResult File, RunPlan? Plan) Strict((ParseResult File, RunPlan? Plan) planned)
    {
        if (!planned.File.Diagnostics.Any(d => d.Severity == Severity.Warning))
        {
            return planned;
        }

        var promoted = planned.File.Diagnostics
            .Select(d => d.Severity == Severity.Warning ? d with { Descriptor = d.Descriptor with { Severity = Severity.Error } } : d)
            .ToList();
        return (planned.File with { Diagnostics = promoted }, null);
    }

    /// <summary>Plans a checked file: the planner's diagnostics join the checker's, and a plan comes back when there are no errors.</summary>
    private static (ParseResult File, RunPlan? Plan) Plan(ParseResult file, string path)
    {
        if (!file.Succeeded)
        {
            return (file, null);
        }

        var planned = ScenarioPlanner.Plan(file.Scenario!, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        var withPlan = planned.Diagnostics.Count == 0 ? file : file with { Diagnostics = [.. file.Diagnostics, .. planned.Diagnostics] };
        return (withPlan, planned.Plan);
    }
}
