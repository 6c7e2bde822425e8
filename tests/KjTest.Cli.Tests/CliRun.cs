namespace KjTest.Cli.Tests;

/// <summary>What one in-process run of <c>kjtest</c> produced.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="RawOut">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
/// <param name="OutBytes">Standard output as bytes, exactly as a file would receive them.</param>
internal sealed record CliRun(int ExitCode, string RawOut, string Error, byte[] OutBytes)
{
    /// <summary>Standard output without <c>run</c>'s wall-time line, which is the one part that changes from run to run.</summary>
    public string Out => string.Concat(RawOut.Split('\n').Where(l => !l.StartsWith(KjTest.Cli.Commands.RunCommand.WallTimePrefix, StringComparison.Ordinal)).Select((l, i) => i == 0 ? l : "\n" + l));
}
