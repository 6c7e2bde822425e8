using KjTest.Dsl.Checking;
using KjTest.Dsl.Reading;
using KjTest.Runtime.Suite;

namespace KjTest.Cli;

/// <summary>The scenario syntaxes and the checker the commands use: the suite's (<see cref="SuiteLoader"/>).</summary>
public static class FrontEnds
{
    /// <summary>A reader for every supported scenario syntax (YAML and .kjt).</summary>
    public static ScenarioReader CreateReader() => SuiteLoader.CreateReader();

    /// <summary>The semantic checker, with image content resolved (assembly, hex, raw and ELF files, entry labels).</summary>
    public static ScenarioChecker CreateChecker() => SuiteLoader.CreateChecker();
}
