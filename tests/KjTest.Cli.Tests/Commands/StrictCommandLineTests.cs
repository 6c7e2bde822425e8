namespace KjTest.Cli.Tests.Commands;

/// <summary>An option or argument no command declares is a usage error (exit 2) that names it, never ignored.</summary>
public class StrictCommandLineTests
{
    private static string Smallest => Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml");

    private static string Other => Path.Combine(CliTester.Scenarios, "k27-round-trip.yaml");

    [TestCase("run")]
    [TestCase("check")]
    [TestCase("list")]
    [TestCase("explain")]
    public void An_unknown_option_between_paths_is_a_usage_error_and_nothing_runs(string command)
    {
        var run = CliTester.Run(command, Smallest, "--no-such-option", Other);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("Unknown option 'no-such-option'"));
        Assert.That(run.Out, Does.Not.Contain("passed"));
    }

    [Test]
    public void A_misspelt_option_gets_a_hint()
    {
        var run = CliTester.Run("run", Smallest, "--job", "2");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo("kjtest: Unknown option 'job'. (did you mean `--jobs`?)\n"));
    }

    [Test]
    public void An_extra_argument_to_a_command_without_arguments_is_a_usage_error()
    {
        var run = CliTester.Run("schema", "extra");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("extra"));
    }
}
