using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>The option every command that prints diagnostics shares: how many to show per file.</summary>
public abstract class DiagnosticSettings : CommandSettings
{
    /// <summary>The default of <see cref="MaxDiagnostics"/>.</summary>
    public const int DefaultMaxDiagnostics = 50;

    /// <summary>Diagnostics shown per file; the rest are counted in one line.</summary>
    [CommandOption("--max-diagnostics <N>")]
    [Description("Show at most N diagnostics per file (default 50); the rest are counted in one line.")]
    public int MaxDiagnostics { get; init; } = DefaultMaxDiagnostics;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        MaxDiagnostics < 1 ? ValidationResult.Error("--max-diagnostics must be at least 1") : ValidationResult.Success();
}
