using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;

namespace KjTest.Dsl.Tests.Text;

public sealed class KjtCorpusTests
{
    private static readonly ScenarioReader Reader = new([new KjtFrontEnd()]);
    private static readonly ScenarioChecker Checker = new();

    private static IEnumerable<TestCaseData> GoodFiles() => KjtCorpus.Cases("GoodKjt");

    private static IEnumerable<TestCaseData> BadFiles() => KjtCorpus.Cases("BadKjt");

    [TestCaseSource(nameof(GoodFiles))]
    public void Good_file_reads_without_diagnostics_into_its_golden_model(string file)
    {
        var dir = KjtCorpus.Directory("GoodKjt");
        var result = Reader.Read(file, File.ReadAllBytes(Path.Combine(dir, file)));

        Assert.That(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)), Is.Empty);
        Assert.That(result.Scenario, Is.Not.Null);
        KjtCorpus.AssertGolden(dir, file, ".expected.txt", ModelDump.Write(result.Scenario));
    }

    [TestCaseSource(nameof(GoodFiles))]
    public void Good_file_survives_read_write_read_unchanged(string file)
    {
        var dir = KjtCorpus.Directory("GoodKjt");
        var first = Reader.Read(file, File.ReadAllBytes(Path.Combine(dir, file)));
        Assert.That(first.Scenario, Is.Not.Null);

        var written = KjtWriter.Write(first.Scenario!);
        var second = Reader.Read("written.kjt", Encoding.UTF8.GetBytes(written));

        Assert.That(second.Diagnostics.Select(d => DiagnosticRenderer.Render(d, second.Source)), Is.Empty, written);
        Assert.That(ModelDump.Write(second.Scenario), Is.EqualTo(ModelDump.Write(first.Scenario)), written);
        Assert.That(KjtWriter.Write(second.Scenario!), Is.EqualTo(written), "the canonical form is a fixed point");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Bad_file_gives_its_golden_diagnostics(string file)
    {
        var dir = KjtCorpus.Directory("BadKjt");

        // The checker adds nothing to a file with syntax errors; the semantic cases are refused by it.
        var result = Checker.Check(Reader.Read(file, File.ReadAllBytes(Path.Combine(dir, file))));

        Assert.That(result.Diagnostics.Any(d => d.IsError), Is.True, "a bad file must give at least one error");
        var rendered = string.Concat(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)));
        KjtCorpus.AssertGolden(dir, file, ".diagnostics.txt", rendered);
    }

    [Test]
    public void Corpora_are_large_enough()
    {
        Assert.That(GoodFiles().Count(), Is.GreaterThanOrEqualTo(8));
        Assert.That(BadFiles().Count(), Is.GreaterThanOrEqualTo(15));
    }
}
