using System.Text;
using KjTest.Dsl.Model;

namespace KjTest.Cli.Tests.Commands;

public sealed class ConvertCommandTests
{
    private const string Yaml = "# a comment\nname: t\nimages:\n  - name: b\n    entry: start\n    segments:\n      - mem: 0x400000\n        asm: |\n          start:\n            ret\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect: { preserved: all }\n";

    [Test]
    public void Yaml_converts_to_kjt_on_standard_output()
    {
        using var folder = new TempFolder();
        var file = folder.Write("t.yaml", Yaml);

        var run = CliTester.Run("convert", file, "--to", "kjt");

        Assert.That((run.ExitCode, run.Error), Is.EqualTo((0, "")));
        Assert.That(run.Out, Does.StartWith("scenario \"t\"\n").And.Contain("load b flags PRESERVE_CONTEXT").And.Contain("jump expect ok"));
    }

    [Test]
    public void Converted_text_reads_back_into_the_same_model_both_ways()
    {
        using var folder = new TempFolder();
        var yaml = folder.Write("t.yaml", Yaml);

        var kjt = folder.Write("t2.kjt", CliTester.Run("convert", yaml, "--to", "kjt").Out);
        var back = folder.Write("t3.yaml", CliTester.Run("convert", kjt, "--to", "yaml").Out);
        var again = CliTester.Run("convert", back, "--to", "kjt");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
        Assert.That(again.Out, Is.EqualTo(File.ReadAllText(kjt)));
        Assert.That(Dump(back), Is.EqualTo(Dump(yaml)));
    }

    [Test]
    public void Converting_to_the_same_syntax_prints_the_canonical_form()
    {
        using var folder = new TempFolder();
        var file = folder.Write("t.yaml", Yaml);

        var run = CliTester.Run("convert", file, "--to", "yaml");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.StartWith("name: t\n"));
    }

    [Test]
    public void Invalid_input_prints_its_diagnostics_on_standard_error_and_exits_2()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.kjt", "scenario \"t\"\n\nsteps\n  jump expect triplefault\n");

        var run = CliTester.Run("convert", file, "--to", "yaml");

        Assert.That((run.ExitCode, run.Out), Is.EqualTo((2, "")));
        Assert.That(run.Error, Does.Contain("bad.kjt:4:15: error KJ1212"));
    }

    [Test]
    public void Assembly_errors_stop_a_conversion()
    {
        using var folder = new TempFolder();
        var file = folder.Write("t.yaml", Yaml.Replace("ret", "retx", StringComparison.Ordinal));

        var run = CliTester.Run("convert", file, "--to", "kjt");

        Assert.That((run.ExitCode, run.Out), Is.EqualTo((2, "")));
        Assert.That(run.Error, Does.Contain("t.yaml:10:13: error KJ1401: unknown instruction 'retx'"));
    }

    [TestCase("--to", "json")]
    [TestCase()]
    public void A_missing_or_unknown_target_is_a_usage_error(params string[] extra)
    {
        using var folder = new TempFolder();
        var file = folder.Write("t.yaml", Yaml);

        var run = CliTester.Run(["convert", file, .. extra]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void A_missing_file_exits_2_with_a_diagnostic()
    {
        var run = CliTester.Run("convert", "no/such/file.kjt", "--to", "yaml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("KJ1005"));
    }

    private static string Dump(string path)
    {
        var result = FrontEnds.CreateReader().Read(path, Encoding.UTF8.GetBytes(File.ReadAllText(path)));
        return ModelDump.Write(result.Scenario);
    }
}
