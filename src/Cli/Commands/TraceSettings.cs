using System.ComponentModel;
using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Tracing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest trace</c>.</summary>
public sealed class TraceSettings : DiagnosticSettings
{
    /// <summary>The scenario file to trace.</summary>
    [CommandArgument(0, "<scenario>")]
    [Description("The scenario file to run and trace (.yaml, .yml or .kjt).")]
    public string Scenario { get; init; } = "";

    /// <summary>Start at this transition point.</summary>
    [CommandOption("--from <POINT>")]
    [Description("Start at the first instruction at POINT: machine_kexec, relocate_outbound, callee or relocate_return (default: the first instruction of the run).")]
    public string? From { get; init; }

    /// <summary>End at this transition point.</summary>
    [CommandOption("--to <POINT>")]
    [Description("End with the first instruction at POINT after the start (default: the end of the run).")]
    public string? To { get; init; }

    /// <summary>Show at most this many instructions.</summary>
    [CommandOption("--count <N>")]
    [Description("Show at most the first N instructions of the window (default 10000); a last line says how many more there were.")]
    public int? Count { get; init; }

    /// <summary>Show only the last instructions.</summary>
    [CommandOption("--last <N>")]
    [Description("Show only the last N instructions of the window (e.g. the ones before a crash) instead of the first ones.")]
    public int? Last { get; init; }

    /// <summary>The era to run the scenario on.</summary>
    [CommandOption("--era <ERA>")]
    [Description("Run the scenario on ERA (cur, k614, k30, k27); for a scenario stating an outcome per era, the era's cell to trace.")]
    public string? Era { get; init; }

    /// <summary>The scenario's seed.</summary>
    [CommandOption("--seed <N>")]
    [Description("Use seed N instead of the scenario's own.")]
    public ulong? Seed { get; init; }

    /// <summary>The instruction budget of every jump.</summary>
    [CommandOption("--max-instructions <N>")]
    [Description("The instruction budget of every jump, instead of the scenario's limit.")]
    public ulong? MaxInstructions { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } limit)
        {
            return limit;
        }

        if ((PointError("--from", From) ?? PointError("--to", To)) is { } error)
        {
            return ValidationResult.Error(error);
        }

        if (Count is <= 0 || Last is <= 0)
        {
            return ValidationResult.Error("--count and --last take a number of instructions above 0");
        }

        return Count is not null && Last is not null
            ? ValidationResult.Error("--count shows the first instructions and --last the last ones: give one of them")
            : ValidationResult.Success();
    }

    private static string? PointError(string option, string? name)
    {
        if (name is null || TracePoints.Parse(name) is not null)
        {
            return null;
        }

        var points = string.Join(", ", TracePoints.Names);
        if (TracePoints.IsCodePoint(name))
        {
            return $"{option} {name}: that point lies in kernel_kexec's C code, where no guest instruction runs; a trace is bounded by {points}";
        }

        var hint = Suggestions.DidYouMean(name, TracePoints.Names);
        return $"unknown point '{name}' for {option}{(hint is null ? "" : $" ({hint})")}; the points are {points}";
    }
}
