namespace KjTest.Cli.Tests.Commands;

public sealed class RunCommandTests
{
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
