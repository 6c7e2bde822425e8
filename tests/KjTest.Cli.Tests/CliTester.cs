using KjTest.Cli.Terminal;

namespace KjTest.Cli.Tests;

/// <summary>Runs <c>kjtest</c> in process with captured, uncoloured output.</summary>
internal static class CliTester
{
    public static CliRun Run(params string[] args) => Run(interactive: false, args);

    /// <summary>Runs <c>kjtest</c> as on a terminal (<paramref name="interactive"/>): live output such as the progress line is drawn.</summary>
    public static CliRun Run(bool interactive, params string[] args)
    {
        // Text and bytes share one stream each, as in a process, so their order is kept.
        using var outBytes = new MemoryStream();
        using var errorBytes = new MemoryStream();
        using var stdout = new StreamWriter(outBytes, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n", AutoFlush = true };
        using var stderr = new StreamWriter(errorBytes, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n", AutoFlush = true };
        // The --last-failed cache of in-process runs goes to a folder of this test process, not the working directory.
        if (args.Length > 0 && args[0] == "run" && !args.Contains("--cache-dir"))
        {
            args = [.. args, "--cache-dir", CacheFolder];
        }

        var exit = Program.Run(args, new CliOutput(stdout, stderr, Colour: false, interactive, outBytes, errorBytes));
        var outAll = outBytes.ToArray();
        return new CliRun(exit, System.Text.Encoding.UTF8.GetString(outAll), System.Text.Encoding.UTF8.GetString(errorBytes.ToArray()), outAll);
    }

    /// <summary>The cache folder of runs that name none.</summary>
    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), $"kjtest-tests-cache-{Environment.ProcessId}");

    /// <summary>The folder holding KjTest.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KjTest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KjTest.sln not found above the test directory");
    }
}
