using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest convert</c>.</summary>
public sealed class ConvertSettings : DiagnosticSettings
{
    /// <summary>The scenario file to convert (.yaml, .yml or .kjt).</summary>
    [CommandArgument(0, "<file>")]
    [Description("The scenario file to convert (.yaml, .yml or .kjt).")]
    public string File { get; init; } = "";

    /// <summary>The syntax to write: <c>yaml</c> or <c>kjt</c>.</summary>
    [CommandOption("--to <FORMAT>")]
    [Description("The syntax to print: yaml or kjt.")]
    public string? To { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } limit ? limit : To switch
        {
            null => ValidationResult.Error("convert needs --to yaml or --to kjt"),
            "yaml" or "kjt" => ValidationResult.Success(),
            _ => ValidationResult.Error($"--to must be yaml or kjt, not '{To}'"),
        };
}
