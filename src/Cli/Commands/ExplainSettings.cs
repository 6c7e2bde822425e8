using System.ComponentModel;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest explain</c>.</summary>
public sealed class ExplainSettings : DiagnosticSettings
{
    /// <summary>Scenario files, folders (searched recursively) or globs.</summary>
    [CommandArgument(0, "<paths>")]
    [Description("Scenario files, folders (searched recursively for .yaml, .yml, .kjt) or globs such as 'scenarios/**/*.yaml'.")]
    public string[] Paths { get; init; } = [];

    /// <summary>Also write the plan and a picture of each kimage's memory map as one HTML page.</summary>
    [CommandOption("--html <PATH>")]
    [Description("Also write the plans, kimage layouts and a picture of each memory map to PATH as one self-contained HTML page (written whole or not at all).")]
    public string? Html { get; init; }
}
