namespace KjTest.Cli.Tests.Run;

/// <summary>
/// Golden reports of scenarios that do not pass: every run message with its KJ16xx id and place (k30-gdt-jump-ok: a
/// triple fault stated to return, with GDTR at the crash; the others: every kind of expectation that can differ).
/// </summary>
public class CrashReportTests
{
    private static string Data => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data");

    public static IEnumerable<TestCaseData> Reports() =>
        Directory.EnumerateFiles(Data, "*.yaml").Order(StringComparer.Ordinal).Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"Report/{Path.GetFileName(f)}"));

    [TestCaseSource(nameof(Reports))]
    public void A_scenario_that_does_not_pass_prints_its_golden_report(string file)
    {
        var path = Path.Combine(Data, file);

        var run = CliTester.Run("run", path);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        var golden = File.ReadAllText(Path.ChangeExtension(path, ".report")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.That(run.Out.Replace(path, file, StringComparison.Ordinal), Is.EqualTo(golden));
    }

    [Test]
    public void The_reports_show_every_message_a_run_can_print()
    {
        var reports = string.Concat(Directory.EnumerateFiles(Data, "*.report").Select(File.ReadAllText));

        // KJ1601 (KjTest's own failure) and KJ1616 (skipped, which passes) are shown by the runtime tests.
        var shown = Runtime.Scenarios.RuntimeCatalogue.All.Select(d => d.Id).Except(["KJ1601", "KJ1616"]);
        Assert.That(shown.Where(id => !reports.Contains(id + ":", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Passing_per_era_crash_scenario_prints_only_its_lines()
    {
        var path = Path.Combine(CliTester.Scenarios, "b1-gdt-not-restored.yaml");

        var run = CliTester.Run("run", path);

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(run.Out, Is.EqualTo(
            $"PASS b1-gdt-not-restored[cur] (pass) {path}\nPASS b1-gdt-not-restored[k614] (pass) {path}\nPASS b1-gdt-not-restored[k30] (crash) {path}\n3 passed, 0 failed\n"));
    }
}
