using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Yaml;

public sealed class YamlWriterTests
{
    private static readonly YamlFrontEnd FrontEnd = new();

    public static IEnumerable<TestCaseData> ValidFiles() =>
        Directory.EnumerateFiles(RepoPaths.Scenarios, "*.yaml")
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Corpus, "Good")).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"{Path.GetFileName(Path.GetDirectoryName(f))}/{Path.GetFileName(f)}"));

    private static Scenario Read(string text, string path = "t.yaml")
    {
        var result = FrontEnd.Parse(new SourceText(path, text));
        Assert.That(result.Diagnostics, Is.Empty, text + "\n" + string.Join("\n", result.Diagnostics));
        return result.Scenario!;
    }

    [TestCaseSource(nameof(ValidFiles))]
    public void Read_write_read_gives_an_equal_model(string path)
    {
        var first = Read(File.ReadAllText(path), path);

        var written = YamlWriter.Write(first);
        var second = Read(written);

        Assert.That(ModelDump.Write(second), Is.EqualTo(ModelDump.Write(first)), written);
    }

    [TestCaseSource(nameof(ValidFiles))]
    public void Writing_is_a_fixed_point_after_one_round(string path)
    {
        var once = YamlWriter.Write(Read(File.ReadAllText(path), path));

        Assert.That(YamlWriter.Write(Read(once)), Is.EqualTo(once));
    }

    [TestCase("null")]
    [TestCase("~")]
    [TestCase("")]
    [TestCase("a: b")]
    [TestCase("- dash")]
    [TestCase(" leading")]
    [TestCase("quote \" and \\ backslash")]
    [TestCase("line\nbreak")]
    [TestCase("# hash")]
    [TestCase("tab\there")]
    public void Awkward_strings_survive_a_round_trip(string text)
    {
        var span = SourceSpan.None;
        var scenario = Read("name: t\nsteps: []\n") with { Description = new Located<string>(text, span), Tags = [new Located<string>(text, span)] };

        var back = Read(YamlWriter.Write(scenario));

        Assert.That(back.Description!.Value.Value, Is.EqualTo(text));
        Assert.That(back.Tags[0].Value, Is.EqualTo(text));
    }

    [TestCase("nop\nret")]
    [TestCase("nop\nret\n")]
    [TestCase("nop\nret\n\n\n")]
    [TestCase("  indented\nret\n")]
    [TestCase("\nleading blank\n")]
    [TestCase("nop\n   \nret\n")]
    [TestCase("tab\tinside\n")]
    public void Embedded_text_keeps_every_line_break_and_space(string asm)
    {
        var scenario = Read("name: t\nimages:\n  - name: b\n    segments:\n      - { mem: 0, asm: x }\nsteps: []\n");
        var image = scenario.Images[0];
        var segment = image.Segments[0] with { Content = new AsmContent(SourceSpan.None, new EmbeddedText(asm, SourceSpan.None, [])) };
        scenario = scenario with { Images = [image with { Segments = [segment] }] };

        var back = Read(YamlWriter.Write(scenario));

        Assert.That(((AsmContent)back.Images[0].Segments[0].Content!).Source.Text, Is.EqualTo(asm));
    }

    [Test]
    public void An_expect_step_repeating_a_key_is_written_as_consecutive_steps()
    {
        var span = SourceSpan.None;
        var console = new ConsoleExpectation(span, new Located<string>("B", span), null, new Located<ConsoleMatch>(ConsoleMatch.Exact, span));
        var scenario = Read("name: t\nsteps: []\n") with { Steps = [new ExpectStep(span, [console, console])] };

        var back = Read(YamlWriter.Write(scenario));

        Assert.That(back.Steps, Has.Count.EqualTo(2));
        Assert.That(back.Steps.Cast<ExpectStep>().SelectMany(s => s.Expectations).Count(), Is.EqualTo(2));
    }
}
