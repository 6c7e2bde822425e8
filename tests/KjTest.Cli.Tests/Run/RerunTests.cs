using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Run;

/// <summary><c>--last-failed</c>, <c>--rerun-failed</c> and the wall-time line of <c>kjtest run</c>.</summary>
public class RerunTests
{
    private const string Passing = """
        name: passes
        images:
          - name: b
            segments:
              - { mem: 0x400000, memsz: 0x1000, hex: "c3" }
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: { preserved: all }

        """;

    private static string Failing(string name) => $$"""
        name: {{name}}
        images:
          - name: b
            segments:
              - { mem: 0x400000, memsz: 0x1000, hex: "c3" }
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: { image_start: 0x400004 }

        """;

    private static string[] Names(CliRun run) =>
        [.. run.Out.Split('\n').Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    [Test]
    public void Last_failed_reruns_only_what_did_not_pass_and_forgets_it_once_it_passes()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, ".kjtest");
        var a = folder.Write("a.yaml", Passing);
        var b = folder.Write("b.yaml", Failing("b"));

        var first = CliTester.Run("run", a, b, "--cache-dir", cache);
        var again = CliTester.Run("run", a, b, "--last-failed", "--cache-dir", cache);
        File.WriteAllText(b, Passing.Replace("name: passes", "name: b", StringComparison.Ordinal));
        var fixedRun = CliTester.Run("run", a, b, "--last-failed", "--cache-dir", cache);
        var afterFix = CliTester.Run("run", a, b, "--last-failed", "--cache-dir", cache);

        Assert.That(first.ExitCode, Is.EqualTo(1));
        Assert.That(Names(again), Is.EqualTo(new[] { "b" }));
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(Names(fixedRun), Is.EqualTo(new[] { "b" }));
        Assert.That(fixedRun.ExitCode, Is.Zero);
        Assert.That(Names(afterFix), Is.EqualTo(new[] { "passes", "b" }), "with no failure recorded, everything runs");
        Assert.That(afterFix.Error, Does.Contain("no failures recorded"));
        Assert.That(File.ReadAllText(Path.Combine(cache, ".gitignore")), Does.Contain("*"));
    }

    [Test]
    public void Last_failed_runs_everything_when_no_recorded_failure_is_among_the_files_named()
    {
        using var folder = new TempFolder();
        var cache = Path.Combine(folder.Path, ".kjtest");
        var a = folder.Write("a.yaml", Passing);
        var b = folder.Write("b.yaml", Failing("b"));

        CliTester.Run("run", b, "--cache-dir", cache);
        var other = CliTester.Run("run", a, "--last-failed", "--cache-dir", cache);

        Assert.That(Names(other), Is.EqualTo(new[] { "passes" }));
        Assert.That(other.Error, Does.Contain("none of the 1 recorded failures is among the files named; running every scenario"));
    }

    [Test]
    public void Rerun_failed_runs_what_a_json_report_records_as_not_passed()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.yaml", Passing);
        var b = folder.Write("b.yaml", Failing("b"));
        var c = folder.Write("c.yaml", Failing("c"));
        var report = Path.Combine(folder.Path, "report.json");

        CliTester.Run("run", a, b, c, "--report", $"json={report}");
        var rerun = CliTester.Run("run", a, b, c, "--rerun-failed", report);

        Assert.That(Names(rerun), Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public void A_rerun_report_that_is_not_json_is_a_usage_error_with_its_line_and_column()
    {
        using var folder = new TempFolder();
        var report = folder.Write("report.json", "{\n  \"results\": [\n    {\"id\": oops}\n  ]\n}\n");

        var run = CliTester.Run("run", folder.Write("a.yaml", Passing), "--rerun-failed", report);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo($"kjtest: --rerun-failed {report}:3:12: not valid JSON: 'o' is an invalid start of a value\n"));
        Assert.That(run.Out, Is.Empty);
    }

    [TestCase("[1, 2]", "not a KjTest JSON report")]
    [TestCase(null, "no such file")]
    public void A_rerun_report_that_is_not_a_report_is_a_usage_error(string? content, string message)
    {
        using var folder = new TempFolder();
        var report = content is null ? Path.Combine(folder.Path, "missing.json") : folder.Write("report.json", content);

        var run = CliTester.Run("run", folder.Write("a.yaml", Passing), "--rerun-failed", report);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(message));
    }

    [Test]
    public void Last_failed_and_rerun_failed_exclude_each_other()
    {
        var run = CliTester.Run("run", CliTester.Scenarios, "--last-failed", "--rerun-failed", "r.json");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--last-failed and --rerun-failed exclude each other"));
    }

    [Test]
    public void The_wall_time_is_on_its_own_line_just_before_the_summary()
    {
        using var folder = new TempFolder();

        var run = CliTester.Run("run", folder.Write("a.yaml", Passing));

        var lines = run.RawOut.TrimEnd('\n').Split('\n');
        Assert.That(lines[^1], Is.EqualTo("1 passed, 0 failed"));
        Assert.That(lines[^2], Does.Match(@"^wall time \d+\.\d\d s$"));
    }
}
