namespace KjTest.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Test]
    public void Valid_scenarios_are_checked_then_running_is_said_to_be_unavailable()
    {
        var run = CliTester.Run("run", CliTester.Scenarios);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Does.Contain("running scenarios is not implemented yet"));
    }

    [Test]
    public void Invalid_scenarios_are_reported_and_nothing_runs()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.yaml", "name: t\nsteps:\n  - jmp: ok\n");

        var run = CliTester.Run("run", bad);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("KJ1108"));
        Assert.That(run.Error, Does.Contain("nothing was run"));
    }
}
