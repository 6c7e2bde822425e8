using System.ComponentModel;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest check</c>.</summary>
public sealed class CheckSettings : DiagnosticSettings
{
    /// <summary>Scenario files, folders (searched recursively) or globs.</summary>
    [CommandArgument(0, "<paths>")]
    [Description("Scenario files, folders (searched recursively for .yaml, .yml, .kjt) or globs such as 'scenarios/**/*.yaml'.")]
    public string[] Paths { get; init; } = [];

    /// <summary>Treats every warning as an error.</summary>
    [CommandOption("--strict")]
    [Description("Treat warnings as errors: a file with a warning is invalid (exit 2).")]
    public bool Strict { get; init; }
}
