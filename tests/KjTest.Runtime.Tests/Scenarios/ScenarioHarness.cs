using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Suite;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>Reads, checks and runs scenarios for tests: YAML text, or a file of the scenario catalogue.</summary>
internal static class ScenarioHarness
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd()]);

    /// <summary>Reads and checks YAML text; the test fails on any diagnostic.</summary>
    public static Scenario Check(string yaml)
    {
        var parsed = new ScenarioChecker().Check(Reader.Read("test.yaml", Encoding.UTF8.GetBytes(yaml)));
        Assert.That(parsed.Succeeded, Is.True, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));
        return parsed.Scenario!;
    }

    /// <summary>Reads, checks and runs YAML text.</summary>
    public static ScenarioResult Run(string yaml) => ScenarioRunner.Run(Check(yaml), ".");

    /// <summary>The scenario catalogue folder (<c>scenarios/</c> at the repository root).</summary>
    public static string CatalogueDirectory => Path.Combine(ScenarioCatalogueTests.FindRoot(), "scenarios");

    /// <summary>Reads and checks a file of the catalogue; the test fails on any diagnostic.</summary>
    public static Scenario CheckCatalogueFile(string file)
    {
        var parsed = new ScenarioChecker().Check(Reader.ReadFile(Path.Combine(CatalogueDirectory, file)));
        Assert.That(parsed.Succeeded, Is.True, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));
        return parsed.Scenario!;
    }

    /// <summary>Reads, checks and runs a file of the catalogue.</summary>
    public static ScenarioResult RunCatalogueFile(string file) => ScenarioRunner.Run(CheckCatalogueFile(file), CatalogueDirectory);

    /// <summary>Reads, checks and runs one era's cell of a per-era catalogue file.</summary>
    public static ScenarioResult RunCatalogueFile(string file, Era era) => ScenarioRunner.Run(EraMatrix.On(CheckCatalogueFile(file), era), CatalogueDirectory);
}
