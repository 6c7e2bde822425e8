namespace KjTest.Cli.Tests.Run;

/// <summary>The era matrix of <c>kjtest run</c>: per-era outcomes, <c>--era</c> and <c>--eras</c>.</summary>
public class EraMatrixTests
{
    private static string Scenario(string file) => Path.Combine(CliTester.Scenarios, file);

    private static string[] Lines(CliRun run) =>
        [.. run.Out.Split('\n').Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal) || l.StartsWith("SKIP ", StringComparison.Ordinal))];

    [Test]
    public void A_per_era_scenario_runs_once_per_era_it_names_with_that_eras_outcome()
    {
        var path = Scenario("b4-reentry.yaml");

        var run = CliTester.Run("run", path);

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(Lines(run), Is.EqualTo(new[]
        {
            $"PASS b4-reentry[cur] (pass) {path}",
            $"PASS b4-reentry[k614] (pass) {path}",
            $"PASS b4-reentry[k30] (fail) {path}",
        }));
    }

    [Test]
    public void Era_runs_a_scenario_on_another_era_and_names_the_result_after_it()
    {
        var path = Scenario("smallest-kexec-jump.yaml");

        var run = CliTester.Run("run", path, "--era", "k614");

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(Lines(run), Is.EqualTo(new[] { $"PASS smallest-kexec-jump[k614] (pass) {path}" }));
    }

    [Test]
    public void Eras_all_skips_an_era_that_cannot_run_the_scenario_and_says_why()
    {
        var path = Scenario("validation/row01-load-disabled.yaml");

        var run = CliTester.Run("run", path, "--eras", "all");

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        var lines = Lines(run);
        Assert.That(lines.Select(l => l.Split(' ')[1]), Is.EqualTo(new[]
        {
            "validation-row01-load-disabled[cur]", "validation-row01-load-disabled[k614]", "validation-row01-load-disabled[k30]", "validation-row01-load-disabled[k27]",
        }));
        Assert.That(lines[3], Does.StartWith("SKIP validation-row01-load-disabled[k27] (skipped: cannot run on k27: KJ1701: era k27 models i386 only, not x86_64)"));
        Assert.That(run.Out, Does.EndWith(", 1 skipped\n"));
    }

    [Test]
    public void An_era_the_run_asks_for_outside_a_per_era_table_states_the_default_row()
    {
        // b1's table names cur, k614 and k30; asked for k27 the x86-64 scenario is a skip, not a pass.
        var run = CliTester.Run("run", Scenario("b1-gdt-not-restored.yaml"), "--eras", "k30,k27");

        Assert.That(Lines(run).Select(l => l.Split(' ')[0] + " " + l.Split(' ')[1] + " " + l.Split(' ')[2]), Is.EqualTo(new[]
        {
            "PASS b1-gdt-not-restored[k30] (crash)", "SKIP b1-gdt-not-restored[k27] (skipped:",
        }));
    }

    [Test]
    public void The_era_filter_sees_each_cells_era()
    {
        var run = CliTester.Run("run", Scenario("b4-reentry.yaml"), Scenario("b1-gdt-not-restored.yaml"), "--filter", "era=k30");

        Assert.That(Lines(run).Select(l => l.Split(' ')[1]), Is.EqualTo(new[] { "b4-reentry[k30]", "b1-gdt-not-restored[k30]" }));
    }

    [Test]
    public void Check_counts_a_per_era_file_once()
    {
        var run = CliTester.Run("check", Scenario("b4-reentry.yaml"), Scenario("b4-reentry.kjt"));

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(run.Out, Is.EqualTo("2 files checked: 2 valid, 0 invalid, 0 errors, 0 warnings\n"));
    }

    [Test]
    public void Convert_writes_the_per_era_table_not_one_of_its_cells()
    {
        var run = CliTester.Run("convert", Scenario("b4-reentry.yaml"), "--to", "kjt");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("scenario \"b4-reentry\"\n").And.Contain("  outcome fail on k30\n"));
    }

    [TestCase("--era", "k31", "--era 'k31' is not an era")]
    [TestCase("--era", "cur,k30", "--era takes one era; for several write --eras cur,k30")]
    [TestCase("--eras", "cur,k2", "--eras 'k2' is not an era")]
    public void A_word_that_is_not_an_era_is_a_usage_error(string option, string value, string message)
    {
        var run = CliTester.Run("run", Scenario("smallest-kexec-jump.yaml"), option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(message));
    }

    [Test]
    public void Era_and_eras_exclude_each_other()
    {
        var run = CliTester.Run("run", Scenario("smallest-kexec-jump.yaml"), "--era", "cur", "--eras", "k30");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--era and --eras exclude each other"));
    }

    [Test]
    public void Results_of_the_matrix_are_the_same_whatever_the_number_of_jobs()
    {
        var one = CliTester.Run("run", Scenario("b4-reentry.yaml"), Scenario("b1-gdt-not-restored.yaml"), "--eras", "all");
        var two = CliTester.Run("run", Scenario("b4-reentry.yaml"), Scenario("b1-gdt-not-restored.yaml"), "--eras", "all", "--jobs", "2");

        Assert.That(two.Out, Is.EqualTo(one.Out));
    }
}
