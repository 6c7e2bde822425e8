namespace KjTest.Cli.Tests.Run;

public class CrashReportTests
{
    private static string Data => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data");

    [Test]
    public void Triple_fault_stated_to_return_reports_gdtr_at_the_crash_as_in_the_golden_report()
    {
        var path = Path.Combine(Data, "k30-gdt-jump-ok.yaml");

        var run = CliTester.Run("run", path);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
        var golden = File.ReadAllText(Path.Combine(Data, "k30-gdt-jump-ok.report")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.That(run.Out.Replace(path, "k30-gdt-jump-ok.yaml", StringComparison.Ordinal), Is.EqualTo(golden));
    }

    [Test]
    public void Passing_triple_fault_scenario_prints_only_its_line()
    {
        var path = Path.Combine(CliTester.Scenarios, "k30-gdt-not-restored.yaml");

        var run = CliTester.Run("run", path);

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(run.Out, Is.EqualTo($"PASS k30-gdt-not-restored (pass) {path}\n1 passed, 0 failed\n"));
    }
}
