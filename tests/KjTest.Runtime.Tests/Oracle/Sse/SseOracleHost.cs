using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>
/// Builds sseoracle.c with gcc at test time and runs cases through it on the host CPU, in a separate process so that
/// an unmasked exception there (caught as SIGFPE) can never reach the test host.
/// </summary>
internal sealed class SseOracleHost : IDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly string _helper;

    private SseOracleHost(DirectoryInfo directory, string helper)
    {
        _directory = directory;
        _helper = helper;
    }

    /// <summary>Builds the helper, or returns null with the reason the host cannot run it.</summary>
    public static SseOracleHost? TryCreate(out string reason)
    {
        reason = "";
        if (!HostCpuRunner.IsSupported)
        {
            reason = "the SSE oracle needs an x86-64 Linux host";
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("kjtest-sse-");
        var helper = Path.Combine(directory.FullName, "sseoracle");
        try
        {
            using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O1", "-o", helper, Source]) { RedirectStandardError = true, UseShellExecute = false })!;
            var log = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            if (gcc.ExitCode == 0)
            {
                return new SseOracleHost(directory, helper);
            }

            reason = "gcc could not build sseoracle.c: " + log;
        }
        catch (Win32Exception e)
        {
            reason = "gcc is not installed (" + e.Message + ")";
        }

        directory.Delete(recursive: true);
        return null;
    }

    public static string Source => Path.Combine(OracleFolder, "Sse", "sseoracle.c");

    public static string OracleFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "KjTest.Runtime.Tests", "Oracle");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("tests/KjTest.Runtime.Tests/Oracle not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Line(SseOracleCase c) => $"{Convert.ToHexString(c.Op.Bytes).ToLowerInvariant()} {c.Mxcsr:x} {c.Xmm0:x32} {c.Xmm1:x32} {c.Rax:x}";

    public static SseOracleOutcome ParseOutcome(string line)
    {
        var f = line.Split(' ');
        return new SseOracleOutcome(
            UInt128.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            uint.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            ulong.Parse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            ulong.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            f[4] == "1");
    }

    /// <summary>Runs every case on the host and returns the outcomes in order.</summary>
    public IReadOnlyList<SseOracleOutcome> Run(IReadOnlyList<SseOracleCase> cases)
    {
        var input = Path.Combine(_directory.FullName, "input.txt");
        File.WriteAllLines(input, cases.Select(Line));
        using var process = Process.Start(new ProcessStartInfo(_helper, [input]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var errors = process.StandardError.ReadToEndAsync();
        var outcomes = new List<SseOracleOutcome>(cases.Count);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            outcomes.Add(ParseOutcome(line));
        }

        process.WaitForExit();
        if (process.ExitCode != 0 || outcomes.Count != cases.Count)
        {
            throw new InvalidOperationException($"sseoracle exited {process.ExitCode} after {outcomes.Count} of {cases.Count} lines: {errors.Result}");
        }

        return outcomes;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
