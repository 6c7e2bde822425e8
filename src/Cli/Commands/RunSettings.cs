using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest run</c>.</summary>
public sealed class RunSettings : CommandSettings
{
    /// <summary>Scenario files, folders (searched recursively) or globs.</summary>
    [CommandArgument(0, "<paths>")]
    [Description("Scenario files, folders (searched recursively for .yaml, .yml, .kjt) or globs.")]
    public string[] Paths { get; init; } = [];

    /// <summary>Adds instructions retired, emulated time and pages swapped per scenario.</summary>
    [CommandOption("--stats")]
    [Description("Print instructions retired, emulated time and pages swapped for each scenario.")]
    public bool Stats { get; init; }

    /// <summary>Treats every warning as an error: nothing runs when any file has one.</summary>
    [CommandOption("--strict")]
    [Description("Treat warnings as errors: a file with a warning is invalid and nothing runs (exit 2).")]
    public bool Strict { get; init; }

    /// <summary>Scenarios run in parallel; output order stays the input order.</summary>
    [CommandOption("--jobs <N>")]
    [Description("Run N scenarios in parallel (default 1); the output order does not change.")]
    public int Jobs { get; init; } = 1;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Jobs < 1 ? ValidationResult.Error("--jobs must be at least 1") : ValidationResult.Success();
}
