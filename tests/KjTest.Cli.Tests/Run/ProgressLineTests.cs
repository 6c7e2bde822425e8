namespace KjTest.Cli.Tests.Run;

/// <summary>The live progress line of <c>kjtest run</c>: drawn on a terminal, never into redirected output.</summary>
public class ProgressLineTests
{
    private static readonly string[] Files =
    [
        Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"),
        Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data", "results-differ.yaml"),
    ];

    [Test]
    public void On_a_terminal_the_line_counts_done_and_failed_and_is_cleared_before_the_summary()
    {
        var run = CliTester.Run(true, ["run", .. Files, "--jobs", "2"]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.RawOut + run.Error);
        Assert.That(run.RawOut, Does.Contain("2/2 · "), "the last state of the line: both done");
        Assert.That(run.RawOut, Does.Contain("1 failed"));
        Assert.That(run.RawOut, Does.Contain("PASS smallest-kexec-jump (pass)").And.Contain("FAIL results-differ"));
        Assert.That(run.RawOut, Does.EndWith("1 passed, 1 failed\n"), "the summary stays the last line, after the line is cleared");
    }

    [Test]
    public void Redirected_output_has_no_progress_line()
    {
        var run = CliTester.Run(["run", .. Files, "--jobs", "2"]);

        Assert.That(run.RawOut, Does.Not.Contain("·").And.Not.Contain("\u001b["));
    }
}
