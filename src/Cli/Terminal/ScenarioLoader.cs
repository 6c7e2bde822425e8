using KjTest.Dsl.Checking;
using KjTest.Dsl.Reading;

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

    /// <summary>Expands <paramref name="paths"/> and reads and checks every file found.</summary>
    public LoadResult Load(IEnumerable<string> paths)
    {
        var (files, unmatched) = ScenarioFiles.Expand(paths, _reader);
        var results = files.Select(f => _checker.Check(_reader.ReadFile(f))).ToList();
        return new LoadResult(results, unmatched);
    }
}
