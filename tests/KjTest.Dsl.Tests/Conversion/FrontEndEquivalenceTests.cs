using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Conversion;

/// <summary>
/// The two syntaxes are one language: every bundled YAML scenario has a .kjt twin read into the same
/// model, and converting any good scenario (bundled or corpus) to the other syntax and back keeps its model.
/// </summary>
public sealed class FrontEndEquivalenceTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);

    public static IEnumerable<TestCaseData> ScenarioPairs() =>
        Directory.EnumerateFiles(RepoPaths.Scenarios, "*.yaml", SearchOption.AllDirectories)
            .Where(f => File.Exists(Path.ChangeExtension(f, ".kjt")))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("scenarios/" + Path.GetRelativePath(RepoPaths.Scenarios, f).Replace('\\', '/')));

    public static IEnumerable<TestCaseData> GoodFiles() =>
        new[] { RepoPaths.Scenarios, Path.Combine(RepoPaths.Corpus, "Good"), Path.Combine(RepoPaths.Corpus, "GoodKjt") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(Reader.CanRead).Order(StringComparer.Ordinal))
            .Select(f => new TestCaseData(f).SetName(Path.GetFileName(Path.GetDirectoryName(f)) + "/" + Path.GetFileName(f)));

    [Test]
    public void Every_bundled_yaml_scenario_has_a_kjt_twin()
    {
        var missing = Directory.EnumerateFiles(RepoPaths.Scenarios, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !File.Exists(Path.ChangeExtension(f, ".kjt")))
            .Select(f => Path.GetRelativePath(RepoPaths.Scenarios, f))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(
            missing,
            Is.Empty,
            "these scenarios have no .kjt twin; write one with `kjtest convert scenarios/NAME.yaml --to kjt > scenarios/NAME.kjt`: "
            + string.Join(", ", missing));
    }

    [Test]
    public void The_pairs_cover_at_least_the_original_catalogue() =>
        Assert.That(ScenarioPairs().Count(), Is.GreaterThanOrEqualTo(9));

    [TestCaseSource(nameof(ScenarioPairs))]
    public void Yaml_scenario_and_its_kjt_twin_read_into_equal_models(string yamlPath)
    {
        var yaml = ReadClean(yamlPath, File.ReadAllBytes(yamlPath));
        var kjtPath = Path.ChangeExtension(yamlPath, ".kjt");
        var kjt = ReadClean(kjtPath, File.ReadAllBytes(kjtPath));

        Assert.That(ModelDump.Write(kjt), Is.EqualTo(ModelDump.Write(yaml)));
    }

    [TestCaseSource(nameof(GoodFiles))]
    public void Converting_to_the_other_syntax_keeps_the_model(string path)
    {
        var original = ReadClean(path, File.ReadAllBytes(path));
        var (other, extension) = IsKjt(path) ? (YamlWriter.Write(original), ".yaml") : (KjtWriter.Write(original), ".kjt");

        var converted = ReadClean("converted" + extension, Encoding.UTF8.GetBytes(other));

        Assert.That(ModelDump.Write(converted), Is.EqualTo(ModelDump.Write(original)), other);
    }

    [TestCaseSource(nameof(GoodFiles))]
    public void Round_trip_through_the_other_syntax_keeps_the_model(string path)
    {
        var original = ReadClean(path, File.ReadAllBytes(path));
        var kjt = IsKjt(path);
        var there = kjt ? YamlWriter.Write(original) : KjtWriter.Write(original);
        var middle = ReadClean(kjt ? "there.yaml" : "there.kjt", Encoding.UTF8.GetBytes(there));
        var back = kjt ? KjtWriter.Write(middle) : YamlWriter.Write(middle);

        var final = ReadClean(kjt ? "back.kjt" : "back.yaml", Encoding.UTF8.GetBytes(back));

        Assert.That(ModelDump.Write(final), Is.EqualTo(ModelDump.Write(original)), back);
    }

    private static bool IsKjt(string path) => path.EndsWith(".kjt", StringComparison.Ordinal);

    private static Scenario ReadClean(string path, byte[] bytes)
    {
        var result = Reader.Read(path, bytes);
        Assert.That(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)), Is.Empty, Encoding.UTF8.GetString(bytes));
        return result.Scenario!;
    }
}
