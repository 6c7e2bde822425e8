using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Hostile;

/// <summary><c>--max-diagnostics</c>: a file with thousands of errors prints a bounded number of them and counts the rest.</summary>
public class DiagnosticLimitTests
{
    private const string Valid = "name: t\nimages:\n  - name: b\n    segments:\n      - { mem: 0x400000, memsz: 0x1000, hex: \"c3\" }\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect: { preserved: all }\n";

    /// <summary>A scenario with <paramref name="unknown"/> unknown keys (KJ1103 each), on one long line of <paramref name="padding"/> columns each.</summary>
    private static string Flood(int unknown, int padding = 0) =>
        Valid + string.Concat(Enumerable.Range(0, unknown).Select(i => $"bogus{i}: {new string('x', padding)}\n"));

    private static int Rendered(string output) => output.Split('\n').Count(l => l.Contains(": error KJ", StringComparison.Ordinal));

    [Test]
    public void By_default_a_file_shows_fifty_diagnostics_then_counts_the_rest()
    {
        using var folder = new TempFolder();
        var path = folder.Write("flood.yaml", Flood(4_000));

        var check = CliTester.Run("check", path);

        Assert.That(check.ExitCode, Is.EqualTo(2));
        Assert.That(Rendered(check.Out), Is.EqualTo(50));
        Assert.That(check.Out, Does.Contain($"{path}: and 3950 more (3950 errors, 0 warnings); --max-diagnostics N shows more\n"));
        Assert.That(check.Out, Does.EndWith("1 file checked: 0 valid, 1 invalid, 4000 errors, 0 warnings\n"), "the summary still counts every diagnostic");
    }

    [Test]
    public void The_limit_applies_per_file()
    {
        using var folder = new TempFolder();
        var first = folder.Write("a.yaml", Flood(5));
        var second = folder.Write("b.yaml", Flood(2));

        var check = CliTester.Run("check", "--max-diagnostics", "3", first, second);

        Assert.That(Rendered(check.Out), Is.EqualTo(5));
        Assert.That(check.Out, Does.Contain($"{first}: and 2 more (2 errors, 0 warnings)"));
        Assert.That(check.Out, Does.Not.Contain($"{second}: and"));
    }

    [Test]
    public void A_flood_of_long_lines_stays_small()
    {
        // The flood of the issue: thousands of KJ1103 errors, each on a line of thousands of columns.
        using var folder = new TempFolder();
        var path = folder.Write("wide.yaml", Flood(4_000, padding: 5_000));

        var check = CliTester.Run("check", path);

        Assert.That(check.Out.Length, Is.LessThan(20_000), "50 diagnostics of at most 3 short lines each");
    }

    [TestCase("check")]
    [TestCase("run")]
    [TestCase("list")]
    [TestCase("explain")]
    [TestCase("trace")]
    [TestCase("convert")]
    public void Every_command_that_prints_diagnostics_takes_the_option(string command)
    {
        using var folder = new TempFolder();
        var path = folder.Write("flood.yaml", Flood(4));
        string[] args = command == "convert" ? [command, path, "--to", "kjt"] : [command, path];

        var result = CliTester.Run([.. args, "--max-diagnostics", "1"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(Rendered(result.Out + result.Error), Is.EqualTo(1));
        Assert.That(result.Out + result.Error, Does.Contain($"{path}: and 3 more (3 errors, 0 warnings)"));
    }

    [TestCase("0", "--max-diagnostics must be at least 1")]
    [TestCase("-5", "--max-diagnostics must be at least 1")]
    [TestCase("lots", "lots")]
    [TestCase("3x", "3x")]
    public void A_bad_count_is_a_usage_error(string value, string message)
    {
        using var folder = new TempFolder();

        var check = CliTester.Run("check", folder.Write("ok.yaml", Valid), "--max-diagnostics", value);

        Assert.That(check.ExitCode, Is.EqualTo(2));
        Assert.That(check.Error, Does.Contain(message));
        Assert.That(check.Out, Does.Not.Contain("checked"));
    }
}
