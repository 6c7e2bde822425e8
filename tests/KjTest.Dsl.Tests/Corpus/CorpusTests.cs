using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Corpus;

/// <summary>
/// Golden tests: every Bad/NAME.yaml renders exactly NAME.diagnostics.txt, every Good/NAME.yaml reads
/// without diagnostics into the model dumped in NAME.model.txt. On a mismatch NAME.actual.txt is
/// written beside the file; KJTEST_ACCEPT=1 rewrites the goldens instead.
/// </summary>
public sealed class CorpusTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd()]);
    private static readonly ScenarioChecker Checker = new();

    public static IEnumerable<TestCaseData> BadFiles() => Cases("Bad");

    public static IEnumerable<TestCaseData> GoodFiles() => Cases("Good");

    [Test]
    public void Bad_corpus_has_at_least_forty_files() =>
        Assert.That(BadFiles().Count(), Is.GreaterThanOrEqualTo(40));

    [TestCaseSource(nameof(BadFiles))]
    public void Bad_file_renders_its_golden_diagnostics(string path)
    {
        var result = Read(path);
        var rendered = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            rendered.Append(DiagnosticRenderer.Render(diagnostic, result.Source));
        }

        Assert.That(result.Succeeded, Is.False, "a bad file must not be valid");
        Golden(path, ".diagnostics.txt", rendered.ToString());
    }

    [TestCaseSource(nameof(GoodFiles))]
    public void Good_file_reads_into_its_golden_model(string path)
    {
        var result = Read(path);
        Assert.That(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)), Is.Empty);
        Golden(path, ".model.txt", ModelDump.Write(result.Scenario));
    }

    /// <summary>Reads as the CLI does, naming the file by its bare name so goldens do not depend on the checkout.</summary>
    private static ParseResult Read(string path) => Checker.Check(Reader.Read(Path.GetFileName(path), File.ReadAllBytes(path)));

    private static void Golden(string path, string suffix, string actual)
    {
        var stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));
        GoldenFile.AssertMatches(stem + suffix, stem + ".actual.txt", actual);
    }

    private static IEnumerable<TestCaseData> Cases(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Corpus, folder))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"{folder}/{Path.GetFileName(f)}"));
}
