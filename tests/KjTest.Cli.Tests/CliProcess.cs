using System.Diagnostics;

namespace KjTest.Cli.Tests;

/// <summary>
/// Runs <c>kjtest</c> as a child process: an input that overflows the stack or hangs then fails
/// the test instead of killing or stalling the test host.
/// </summary>
internal static class CliProcess
{
    public static CliRun Run(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "kjtest.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kjtest {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
