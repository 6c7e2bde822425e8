using System.ComponentModel;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of the commands that take scenario paths.</summary>
public sealed class PathsSettings : DiagnosticSettings
{
    /// <summary>Scenario files, folders (searched recursively) or globs.</summary>
    [CommandArgument(0, "<paths>")]
    [Description("Scenario files, folders (searched recursively for .yaml, .yml, .kjt) or globs such as 'scenarios/**/*.yaml'.")]
    public string[] Paths { get; init; } = [];
}
