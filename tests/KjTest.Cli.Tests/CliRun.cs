namespace KjTest.Cli.Tests;

/// <summary>What one in-process run of <c>kjtest</c> produced.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
internal sealed record CliRun(int ExitCode, string Out, string Error);
