using KjTest.Dsl.Checking;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Suite;

namespace KjTest.Runtime.Tests.Scenarios;

public class ScenarioCatalogueTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd()]);

    /// <summary>Every catalogue file, once per era for a per-era scenario (its cells, as the suite runs them).</summary>
    public static IEnumerable<TestCaseData> Files()
    {
        var root = Path.Combine(FindRoot(), "scenarios");
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, file);
            var eras = Reader.ReadFile(file).Scenario is { EraOutcomes.Count: > 0 } table ? table.Eras : [];
            if (eras.Count == 0)
            {
                yield return new TestCaseData(file, null).SetArgDisplayNames(name);
                continue;
            }

            foreach (var era in eras)
            {
                yield return new TestCaseData(file, era).SetArgDisplayNames($"{name}[{era.ToString().ToLowerInvariant()}]");
            }
        }
    }

    [TestCaseSource(nameof(Files))]
    public void Scenario_produces_the_outcome_it_states(string path, Era? era)
    {
        var parsed = new ScenarioChecker().Check(Reader.ReadFile(path));
        Assert.That(parsed.Succeeded, Is.True, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));

        var scenario = era is { } on ? EraMatrix.On(parsed.Scenario!, on) : parsed.Scenario!;
        var result = ScenarioRunner.Run(scenario, Path.GetDirectoryName(path)!);

        Assert.That(result.Passed, Is.True, Describe(result));
    }

    [Test]
    public void Running_a_scenario_twice_gives_the_same_result()
    {
        var path = Path.Combine(FindRoot(), "scenarios", "smallest-kexec-jump.yaml");
        var parsed = new ScenarioChecker().Check(Reader.ReadFile(path));

        var first = ScenarioRunner.Run(parsed.Scenario!, Path.GetDirectoryName(path)!);
        var second = ScenarioRunner.Run(parsed.Scenario!, Path.GetDirectoryName(path)!);

        Assert.That(Describe(second), Is.EqualTo(Describe(first)));
        Assert.That(second.Stats, Is.EqualTo(first.Stats));
    }

    internal static string Describe(ScenarioResult result) =>
        $"{result.Name}: {result.Actual} (expected {result.Expected.Kind.Value} [{string.Join(", ", result.Expected.Fields.Select(f => f.Value))}])\n"
        + string.Join("\n", result.Messages.Select(m => $"  {m.Span.Line}: {m.Text}"))
        + (result.Gap is { } gap
            ? "\n" + string.Join("\n", gap.Fields.Select(f => $"  {f.Name}: {f.Before} -> {f.After}"))
              + "\n" + string.Join("\n", gap.Pages.Select(p => $"  page 0x{p.Address:x}: {string.Join(", ", p.Ranges)} {Convert.ToHexString(p.FirstBefore)} -> {Convert.ToHexString(p.FirstAfter)}"))
            : "");

    internal static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KjTest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KjTest.sln not found above the test directory");
    }
}
