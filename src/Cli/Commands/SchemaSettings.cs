using System.ComponentModel;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Options of <c>kjtest schema</c>.</summary>
public sealed class SchemaSettings : CommandSettings
{
    /// <summary>Print the schema of the JSON run report instead of the scenario form's.</summary>
    [CommandOption("--report")]
    [Description("Print the JSON Schema of the JSON run report (run --report json=PATH) instead of the YAML scenario form's.")]
    public bool Report { get; init; }
}
