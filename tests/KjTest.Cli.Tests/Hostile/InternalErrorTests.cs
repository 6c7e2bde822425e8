using System.Diagnostics;
using KjTest.Cli.Terminal;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>
/// An exception that escapes every command is reported as KjTest's own failure: one line with KJ1901, exit code 3,
/// and the stack trace only under <c>--debug</c>.
/// </summary>
public sealed class InternalErrorTests
{
    [Test]
    public void An_exception_escaping_a_command_is_one_line_with_KJ1901_and_exit_code_3()
    {
        using var error = new StringWriter { NewLine = "\n" };

        var exit = Program.Run(["list", CliTester.Scenarios], new CliOutput(new FullDiskWriter(), error, Colour: false));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(lines, Has.Length.EqualTo(1), error.ToString());
            Assert.That(lines[0], Does.StartWith("kjtest: internal error KJ1901: IOException: No space left on device"));
            Assert.That(lines[0], Does.EndWith("--debug shows the stack trace)"));
        });
    }

    [Test]
    public void With_debug_the_stack_trace_follows_the_line()
    {
        using var error = new StringWriter { NewLine = "\n" };

        var exit = Program.Run(["list", "--debug", CliTester.Scenarios], new CliOutput(new FullDiskWriter(), error, Colour: false));

        Assert.That(exit, Is.EqualTo(3));
        Assert.That(error.ToString(), Does.Contain("internal error KJ1901").And.Contain("   at KjTest.Cli."));
    }

    [Test]
    public void A_cold_process_writing_to_a_full_disk_prints_no_stack_trace()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var kjtest = Path.Combine(TestContext.CurrentContext.TestDirectory, "kjtest.dll");
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "exec \"$0\" \"$1\" list \"$2\" >/dev/full", dotnet, kjtest, CliTester.Scenarios })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "kjtest did not finish");

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(3), stderr.Result);
            Assert.That(stderr.Result, Does.StartWith("kjtest: internal error KJ1901: IOException"));
            Assert.That(stderr.Result, Does.Not.Contain("   at "), "no stack trace without --debug");
            Assert.That(stderr.Result.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        });
    }
}
