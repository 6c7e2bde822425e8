using System.Diagnostics;

namespace KjTest.Cli.Tests;

/// <summary>
/// Runs <c>kjtest</c> as a child process: an input that overflows the stack or hangs then fails
/// the test instead of killing or stalling the test host.
/// </summary>
internal static class CliProcess
{
    private const string SetPriv = "/usr/bin/setpriv";

    public static CliRun Run(TimeSpan timeout, params string[] args) => Run(timeout, unprivileged: false, args);

    private const string GnuTime = "/usr/bin/time";

    /// <summary>
    /// Runs kjtest as a cold child process under GNU time and returns its peak resident memory in MiB as well; without
    /// GNU time (Debian package <c>time</c>) the test is ignored with that reason.
    /// </summary>
    public static (CliRun Run, long PeakMiB) RunMeasured(TimeSpan timeout, params string[] args)
    {
        Assume.That(File.Exists(GnuTime), Is.True, "needs GNU time (/usr/bin/time) to measure peak memory");
        var report = Path.Combine(Path.GetTempPath(), $"kjtest-peak-{Guid.NewGuid():N}.txt");
        try
        {
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var run = Start(timeout, GnuTime, ["-f", "%M", "-o", report, dotnet, Path.Combine(TestContext.CurrentContext.TestDirectory, "kjtest.dll"), .. args], args);
            var kib = long.Parse(File.ReadAllLines(report).Last(l => l.Length > 0), System.Globalization.CultureInfo.InvariantCulture);
            TestContext.Out.WriteLine($"peak {kib >> 10} MiB: kjtest {string.Join(' ', args)}");
            return (run, kib >> 10);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static CliRun Start(TimeSpan timeout, string program, IEnumerable<string> arguments, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        return Wait(start, timeout, args);
    }

    /// <summary>
    /// With <paramref name="unprivileged"/>, under root the child runs as nobody (setpriv), whom file modes bind;
    /// without setpriv the test is ignored with that reason.
    /// </summary>
    public static CliRun Run(TimeSpan timeout, bool unprivileged, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var demote = unprivileged && Environment.UserName == "root";
        if (demote)
        {
            Assume.That(File.Exists(SetPriv), Is.True, "running as root without setpriv: permissions do not bind root");
        }

        var start = new ProcessStartInfo(demote ? SetPriv : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (demote)
        {
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", dotnet })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = Path.GetTempPath();
            start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "kjtest.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Wait(start, timeout, args);
    }

    private static CliRun Wait(ProcessStartInfo start, TimeSpan timeout, string[] args)
    {
        using var process = Process.Start(start)!;
        var bytes = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(bytes);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kjtest {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        stdout.Wait();
        return new CliRun(process.ExitCode, System.Text.Encoding.UTF8.GetString(bytes.ToArray()), stderr.Result, bytes.ToArray());
    }
}
