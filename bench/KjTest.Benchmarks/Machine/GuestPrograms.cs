using System.Diagnostics;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Benchmarks.Machine;

/// <summary>
/// The compiled guest programs of tests/Guests (x86-64, -O2), built once per process with
/// build.sh, and their retired-instruction counts on the KjTest emulator. Each program repeats its
/// work <see cref="Repeat"/> times (build.sh's REPEAT) so a run measures execution, not machine
/// set-up: one pass retires only 20,000 (interp) to 490,000 (sieve) instructions.
/// </summary>
public static class GuestPrograms
{
    /// <summary>Passes of each program's work per run.</summary>
    public const int Repeat = 200;

    private static readonly Lazy<string> Built = new(Build);
    private static readonly Dictionary<string, ulong> Counts = [];

    /// <summary>The programs.</summary>
    public static IEnumerable<string> Names => ["sort", "crc32", "sieve", "strings", "interp"];

    /// <summary>Path of the -O2 x86-64 executable of <paramref name="program"/>.</summary>
    public static string Path64(string program) => Path.Combine(Built.Value, $"{program}-x86_64-O2");

    /// <summary>Loads the executable of <paramref name="program"/>.</summary>
    public static GuestImage Image(string program) =>
        ElfImageReader.TryRead(File.ReadAllBytes(Path64(program)), out var error) ?? throw new InvalidOperationException(error);

    /// <summary>Runs <paramref name="image"/> on the emulator; its exit code must be 0.</summary>
    public static ProgramRunResult RunOnEmulator(GuestImage image)
    {
        var result = ProgramRunner.Run(image, 256UL << 20, 2_000_000_000, Stream.Null, Stream.Null);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"guest failed: {result.Outcome}");
    }

    /// <summary>Instructions the emulator retires for one run of <paramref name="program"/>.</summary>
    public static ulong InstructionCount(string program)
    {
        lock (Counts)
        {
            if (!Counts.TryGetValue(program, out var count))
            {
                count = RunOnEmulator(Image(program)).Outcome.Instructions;
                Counts[program] = count;
            }

            return count;
        }
    }

    private static string Build()
    {
        var root = FindRoot();
        var output = Directory.CreateTempSubdirectory("kjtest-bench-guests-").FullName;
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["REPEAT"] = Repeat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.ArgumentList.Add(Path.Combine(root, "tests", "Guests", "build.sh"));
        start.ArgumentList.Add(output);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("build.sh failed: " + error.Result);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "tests", "Guests", "build.sh")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("tests/Guests/build.sh not found");
    }
}
