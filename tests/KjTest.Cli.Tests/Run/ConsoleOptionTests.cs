namespace KjTest.Cli.Tests.Run;

/// <summary>How much <c>run</c> prints (<c>--quiet</c>, <c>--verbose</c>) and whether it colours it (<c>--color</c>, <c>--no-color</c>).</summary>
public class ConsoleOptionTests
{
    private static string Passing => Path.Combine(CliTester.Scenarios, "nmi-at-freeze-cur.yaml");

    private static string Failing => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data", "results-differ.yaml");

    [Test]
    public void Quiet_prints_only_what_did_not_pass_and_the_summary()
    {
        var run = CliTester.Run("run", Passing, Failing, "--quiet");

        Assert.That(run.Out, Does.Not.Contain("PASS "));
        Assert.That(run.Out, Does.Contain("FAIL results-differ").And.Contain("KJ1607"));
        Assert.That(run.Out, Does.EndWith("1 passed, 1 failed\n"));
    }

    [Test]
    public void Verbose_prints_the_messages_of_passing_scenarios_too()
    {
        var quiet = CliTester.Run("run", Passing);
        var verbose = CliTester.Run("run", Passing, "--verbose");

        Assert.That(quiet.Out, Does.Not.Contain("KJ1606"));
        Assert.That(verbose.Out, Does.Contain("KJ1606: at freeze: NMI (vector 2) taken through A's IDT"));
    }

    [Test]
    public void Quiet_and_verbose_together_are_a_usage_error()
    {
        Assert.That(CliTester.Run("run", Passing, "-q", "-v").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Color_always_colours_redirected_output_and_no_color_wins_over_nothing()
    {
        Assert.That(CliTester.Run("--color", "always", "run", Passing).Out, Does.StartWith("\u001b[32mPASS\u001b[0m"));
        Assert.That(CliTester.Run("run", Passing, "--color=always", "--no-color").Out, Does.StartWith("PASS"));
        Assert.That(CliTester.Run("run", Passing).Out, Does.StartWith("PASS"));
    }

    [Test]
    public void Color_with_another_word_is_a_usage_error()
    {
        var run = CliTester.Run("run", Passing, "--color", "sometimes");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--color takes always, never or auto, not 'sometimes'"));
    }

    [Test]
    public void No_color_in_the_environment_turns_colour_off_on_a_terminal()
    {
        var (_, terminalColour, _) = Cli.Terminal.ColourChoice.Apply(["run"], terminal: true, noColor: null);
        var (_, withNoColor, _) = Cli.Terminal.ColourChoice.Apply(["run"], terminal: true, noColor: "1");
        var (_, forced, _) = Cli.Terminal.ColourChoice.Apply(["run", "--color", "always"], terminal: true, noColor: "1");

        Assert.That((terminalColour, withNoColor, forced), Is.EqualTo((true, false, true)));
    }
}
