using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>
/// Golden tests of planning: every Corpus/NAME.yaml passes the checker, and planning renders exactly
/// NAME.diagnostics.txt; a file with an error has no plan, a file with warnings only has one. On a mismatch
/// NAME.actual.txt is written beside the file; KJTEST_ACCEPT=1 rewrites the goldens instead.
/// </summary>
public class PlanCorpusTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd()]);
    private static readonly ScenarioChecker Checker = new(new ResolvingImageChecker(new ImageResolver()));

    private static string Folder => Path.Combine(ScenarioCatalogueTests.FindRoot(), "tests", "KjTest.Runtime.Tests", "Planning", "Corpus");

    public static IEnumerable<TestCaseData> Files() =>
        Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => new TestCaseData(f).SetName($"Plan/{Path.GetFileName(f)}"));

    [TestCaseSource(nameof(Files))]
    public void Planning_renders_the_golden_diagnostics(string path)
    {
        var parsed = Checker.Check(Reader.Read(Path.GetFileName(path), File.ReadAllBytes(path)));
        Assert.That(parsed.Diagnostics.Select(d => d.ToString()), Is.Empty, "a planning case must pass the checker");

        var planned = ScenarioPlanner.Plan(parsed.Scenario!, Folder);
        var rendered = new StringBuilder();
        foreach (var diagnostic in planned.Diagnostics)
        {
            rendered.Append(DiagnosticRenderer.Render(diagnostic, parsed.Source));
        }

        Assert.That(planned.Diagnostics, Is.Not.Empty, "a planning case reports something");
        Assert.That(planned.Plan is null, Is.EqualTo(planned.Diagnostics.Any(d => d.IsError)));
        var stem = Path.Combine(Folder, Path.GetFileNameWithoutExtension(path));
        Golden(stem + ".diagnostics.txt", stem + ".actual.txt", rendered.ToString());
    }

    [Test]
    public void Every_planning_diagnostic_id_is_unique_across_the_catalogues()
    {
        var ids = typeof(DiagnosticCatalogue).GetProperties().Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => ((DiagnosticDescriptor)p.GetValue(null)!).Id)
            .Concat(PlanCatalogue.All.Select(d => d.Id)).Concat(Runtime.Scenarios.RuntimeCatalogue.All.Select(d => d.Id)).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(PlanCatalogue.All.Select(d => d.Id), Has.All.StartWith("KJ17"));
        Assert.That(Runtime.Scenarios.RuntimeCatalogue.All.Select(d => d.Id), Has.All.StartWith("KJ16"));
    }

    private static void Golden(string goldenPath, string actualPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("KJTEST_ACCEPT") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            File.Delete(actualPath);
            return;
        }

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "<missing " + Path.GetFileName(goldenPath) + ">";
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual);
        Assert.That(actual, Is.EqualTo(expected), $"output differs from {goldenPath}; see {actualPath} (KJTEST_ACCEPT=1 rewrites it)");
    }
}
