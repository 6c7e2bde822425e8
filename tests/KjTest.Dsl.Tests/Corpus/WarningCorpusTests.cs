using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Corpus;

/// <summary>
/// Golden tests of warnings, in both syntaxes: every Warn/NAME.yaml or NAME.kjt is valid, has at least one warning
/// and renders exactly NAME.EXT.diagnostics.txt. KJTEST_ACCEPT=1 rewrites the goldens.
/// </summary>
public sealed class WarningCorpusTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);
    private static readonly ScenarioChecker Checker = new();

    private static string Folder => Path.Combine(RepoPaths.Corpus, "Warn");

    public static IEnumerable<TestCaseData> Files() =>
        Directory.EnumerateFiles(Folder)
            .Where(Reader.CanRead)
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName("Warn/" + Path.GetFileName(f)));

    [Test]
    public void Both_syntaxes_have_warning_cases()
    {
        var names = Files().Select(c => (string)c.Arguments[0]!).ToList();

        Assert.That(names.Count(n => n.EndsWith(".yaml", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2));
        Assert.That(names.Count(n => n.EndsWith(".kjt", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
    }

    [TestCaseSource(nameof(Files))]
    public void Warning_file_is_valid_and_renders_its_golden_warnings(string file)
    {
        var result = Checker.Check(Reader.Read(file, File.ReadAllBytes(Path.Combine(Folder, file))));
        var rendered = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            rendered.Append(DiagnosticRenderer.Render(diagnostic, result.Source));
        }

        Assert.That(result.Succeeded, Is.True, "a warning case must be valid");
        Assert.That(result.Diagnostics.Where(d => d.Severity == Severity.Warning), Is.Not.Empty, "a warning case must warn");
        GoldenFile.AssertMatches(Path.Combine(Folder, file + ".diagnostics.txt"), Path.Combine(Folder, file + ".actual.txt"), rendered.ToString());
    }
}
