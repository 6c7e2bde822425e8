using System.Diagnostics;
using System.Text;

namespace KjTest.NUnit.Tests;

/// <summary>One finished <c>dotnet</c> command: its exit code and everything it printed.</summary>
internal sealed record DotnetRun(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>, killed after 10 minutes.</summary>
    public static DotnetRun In(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The consumer is a user's project: nothing of this test host's own test run may leak into it.
        start.Environment.Remove("VSTEST_HOST_DEBUG");
        start.Environment.Remove("MSBUILDNOINPROCNODE");
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not end in 10 minutes:\n{output}");
        }

        process.WaitForExit();
        return new DotnetRun(process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
