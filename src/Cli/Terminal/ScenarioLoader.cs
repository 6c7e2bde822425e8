using KjTest.Dsl.Checking;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Suite;

namespace KjTest.Cli.Terminal;

/// <summary>Reads, checks and plans the scenario files named on a command line, through the suite (<see cref="SuiteLoader"/>).</summary>
public sealed class ScenarioLoader
{
    private readonly SuiteLoader _suite;

    /// <summary>Creates a loader over the given reader and checker.</summary>
    public ScenarioLoader(ScenarioReader reader, ScenarioChecker checker)
    {
        _suite = new SuiteLoader(reader, checker);
    }

    /// <summary>A loader over every front end (<see cref="FrontEnds"/>).</summary>
    public static ScenarioLoader Default() => new(FrontEnds.CreateReader(), FrontEnds.CreateChecker());

    /// <summary>
    /// Expands <paramref name="paths"/> and reads, checks and plans every file found, with <paramref name="overrides"/>
    /// applied; with <paramref name="strict"/>, every warning counts as an error, so a file with one is invalid and has no plan.
    /// Up to <paramref name="jobs"/> files load at once, with the same result.
    /// </summary>
    public LoadResult Load(IEnumerable<string> paths, SuiteOverrides? overrides = null, bool strict = false, int jobs = 1) =>
        new(_suite.Load(paths, overrides: overrides, strict: strict, jobs: jobs));
}
