using KjTest.Dsl.Checking;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;

namespace KjTest.Cli;

/// <summary>The one place that lists the scenario syntaxes and builds the checker the commands use.</summary>
public static class FrontEnds
{
    /// <summary>A reader for every supported scenario syntax.</summary>
    public static ScenarioReader CreateReader() => new([new YamlFrontEnd()]);

    /// <summary>The semantic checker.</summary>
    public static ScenarioChecker CreateChecker() => new();
}
