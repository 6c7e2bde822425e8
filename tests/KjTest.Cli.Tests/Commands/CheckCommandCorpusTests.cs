namespace KjTest.Cli.Tests.Commands;

/// <summary>
/// <c>kjtest check</c> on every bad file of the DSL test corpora (YAML, .kjt and the image errors):
/// exit code 2, the rendered diagnostic on standard output, and never an exception.
/// </summary>
public sealed class CheckCommandCorpusTests
{
    private static readonly string[] Folders = ["Bad", "BadKjt", "BadImages"];

    public static IEnumerable<TestCaseData> BadFiles() =>
        Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(CliTester.Root, "tests", "KjTest.Dsl.Tests", "Corpus", folder))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".kjt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName(folder + "/" + Path.GetFileName(f))));

    [Test]
    public void The_bad_corpora_hold_yaml_kjt_and_image_cases() =>
        Assert.That(BadFiles().Count(), Is.GreaterThanOrEqualTo(82 + 24 + 17));

    [TestCaseSource(nameof(BadFiles))]
    public void Check_of_a_bad_file_exits_2_and_prints_its_diagnostic(string path)
    {
        var run = CliTester.Run("check", path);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Out);
        Assert.That(run.Out, Does.Match(@"error KJ\d{4}: "));
        Assert.That(run.Out, Does.EndWith("1 file checked: 0 valid, 1 invalid, " + ErrorCount(run.Out) + "\n"));
    }

    private static string ErrorCount(string output)
    {
        var errors = System.Text.RegularExpressions.Regex.Count(output, @": error KJ\d{4}: ");
        var warnings = System.Text.RegularExpressions.Regex.Count(output, @": warning KJ\d{4}: ");
        return $"{errors} {(errors == 1 ? "error" : "errors")}, {warnings} {(warnings == 1 ? "warning" : "warnings")}";
    }
}
