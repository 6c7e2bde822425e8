namespace KjTest.Cli.Tests.Commands;

/// <summary>Every subcommand's help renders (option descriptions are markup, so a stray bracket would throw).</summary>
public class HelpTests
{
    [TestCase("check")]
    [TestCase("list")]
    [TestCase("convert")]
    [TestCase("schema")]
    [TestCase("run")]
    [TestCase("explain")]
    [TestCase("exec")]
    [TestCase("version")]
    public void Help_of_every_command_renders_and_exits_0(string command)
    {
        var run = CliTester.Run(command, "--help");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("USAGE:"));
    }

    [Test]
    public void Run_help_names_the_era_matrix_and_rerun_options()
    {
        var run = CliTester.Run("run", "--help");

        Assert.That(run.Out, Does.Contain("--eras <LIST>").And.Contain("name[era]").And.Contain("--last-failed").And.Contain("--rerun-failed <REPORT>"));
    }
}
