using System.Text;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Suite;

namespace KjTest.Cli.Tests.Reports;

/// <summary>
/// The HTML report and explain page of a small known suite, produced through the runtime with ids relative to the
/// repository and the repository's path taken out, so they are the same bytes on every machine: the goldens.
/// </summary>
internal static class KnownReport
{
    public static string Golden => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Reports", "Golden");

    public static string Accepting => Environment.GetEnvironmentVariable("KJTEST_ACCEPT") ?? "";

    private static string[] Files =>
    [
        Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Reports", "Data", "console-markup-gap.yaml"),
        Path.Combine(CliTester.Scenarios, "b11-write-outside-window.yaml"),
        Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data", "results-differ.yaml"),
        Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"),
    ];

    public static string Html()
    {
        var load = SuiteLoader.Default().Load(Files, CliTester.Root);
        var results = SuiteRunner.Run(load.Files, 1, failFast: false, _ => { });
        using var stream = new MemoryStream();
        HtmlReport.Write(new RunReport([.. results.Select(r => r!)]), stream);
        return Portable(stream);
    }

    public static string ExplainHtml()
    {
        var load = SuiteLoader.Default().Load(Files, CliTester.Root);
        using var stream = new MemoryStream();
        HtmlReport.WritePlans(load.Files, stream);
        return Portable(stream);
    }

    /// <summary>Compares with a golden text file; KJTEST_ACCEPT=1 rewrites it, a mismatch leaves the output beside it.</summary>
    public static void AssertMatches(string name, string actual)
    {
        var golden = Path.Combine(Golden, name);
        var actualPath = golden + ".actual.txt";
        if (Accepting == "1")
        {
            Directory.CreateDirectory(Golden);
            File.WriteAllText(golden, actual);
            File.Delete(actualPath);
            return;
        }

        var expected = File.Exists(golden) ? File.ReadAllText(golden) : $"<missing {name}>";
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual);
        Assert.That(actual, Is.EqualTo(expected), $"output differs from {golden}; see {actualPath} (KJTEST_ACCEPT=1 rewrites it)");
    }

    // Messages name files by the path they were read from; the repository's place differs between machines.
    private static string Portable(MemoryStream stream) =>
        Encoding.UTF8.GetString(stream.ToArray()).Replace(CliTester.Root + "/", "", StringComparison.Ordinal);
}
