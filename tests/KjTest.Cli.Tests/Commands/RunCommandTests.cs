namespace KjTest.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Test]
    public void An_invalid_scenario_is_reported_and_counted_and_the_others_still_run()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.yaml", "name: t\nsteps:\n  - jmp: ok\n");

        var run = CliTester.Run("run", bad, Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("KJ1108").And.Contain("FAIL t (error, stated pass)").And.Contain("PASS smallest-kexec-jump (pass)"));
        Assert.That(run.Out, Does.EndWith("1 passed, 1 failed\n"));
        Assert.That(run.Error, Is.EqualTo("kjtest: 1 invalid input, counted as failed\n"));
    }
}
