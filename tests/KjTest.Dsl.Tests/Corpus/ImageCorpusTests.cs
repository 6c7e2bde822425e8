using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Corpus;

/// <summary>
/// Golden tests of the problems only resolving images finds, in both syntaxes: every BadImages/NAME.yaml
/// or NAME.kjt, checked as <c>kjtest check</c> does (image content resolved, files taken from
/// BadImages/), renders exactly NAME.EXT.diagnostics.txt. KJTEST_ACCEPT=1 rewrites the goldens.
/// </summary>
public sealed class ImageCorpusTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);

    private static string Folder => Path.Combine(RepoPaths.Corpus, "BadImages");

    public static IEnumerable<TestCaseData> BadFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Corpus, "BadImages"))
            .Where(Reader.CanRead)
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName("BadImages/" + Path.GetFileName(f)));

    [Test]
    public void Both_syntaxes_have_every_kind_of_image_error()
    {
        var names = BadFiles().Select(c => (string)c.Arguments[0]!).ToList();

        Assert.That(names.Count(n => n.EndsWith(".yaml", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(9));
        Assert.That(names.Count(n => n.EndsWith(".kjt", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(8));
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Bad_image_file_renders_its_golden_diagnostics(string file)
    {
        var checker = new ScenarioChecker(new ResolvingImageChecker(new ImageResolver(), _ => Folder));
        var result = checker.Check(Reader.Read(file, File.ReadAllBytes(Path.Combine(Folder, file))));
        var rendered = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            rendered.Append(DiagnosticRenderer.Render(diagnostic, result.Source));
        }

        Assert.That(result.Succeeded, Is.False, "a bad file must not be valid");
        Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.Id), Has.All.Matches<string>(id => id.StartsWith("KJ14", StringComparison.Ordinal) || id == "KJ1535"));
        GoldenFile.AssertMatches(Path.Combine(Folder, file + ".diagnostics.txt"), Path.Combine(Folder, file + ".actual.txt"), rendered.ToString());
    }
}
