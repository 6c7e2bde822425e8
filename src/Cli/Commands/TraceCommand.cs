using System.Globalization;
using KjTest.Cli.Terminal;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Scenarios.Tracing;
using KjTest.Runtime.Suite;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest trace SCENARIO</c>: runs one scenario and prints its guest instructions, one line each (physical and
/// linear address, bytes, Intel syntax, symbol, changed registers), then the scenario's result line. Exit codes as
/// <c>run</c>: 0 it passed, 1 it did not, 2 invalid input or usage.
/// </summary>
public sealed class TraceCommand(CliOutput output) : Command<TraceSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, TraceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Dsl.Model.Era? era = null;
        if (settings.Era is { } eraName)
        {
            if (!Dsl.Vocabulary.Words.Eras.TryGetValue(eraName.ToLowerInvariant(), out var named))
            {
                var hint = Dsl.Diagnostics.Suggestions.DidYouMean(eraName, Dsl.Vocabulary.Words.Eras.Keys);
                output.Error.Write($"kjtest: --era '{eraName}' is not an era; write one of {string.Join(", ", Dsl.Vocabulary.Words.Eras.Keys)}{(hint is null ? "" : $" ({hint})")}\n");
                return ExitCodes.Usage;
            }

            era = named;
        }

        var loaded = ScenarioLoader.Default().Load([settings.Scenario], new SuiteOverrides(settings.Seed, settings.MaxInstructions, null, era is { } e ? [e] : null));
        loaded.PrintDiagnostics(output.Out, output.Colour, settings.MaxDiagnostics);
        if (!loaded.AllValid)
        {
            return ExitCodes.Usage;
        }

        if (loaded.Files.Count != 1)
        {
            output.Error.Write($"kjtest trace: '{settings.Scenario}' names {loaded.Files.Count} scenario files; trace takes one\n");
            return ExitCodes.Usage;
        }

        if (loaded.Cells.Count != 1)
        {
            var eras = string.Join(", ", loaded.Files[0].Scenario!.Eras.Select(x => x.ToString().ToLowerInvariant()));
            output.Error.Write($"kjtest trace: {loaded.Files[0].Scenario!.Name.Value} states an outcome per era ({eras}); choose the one to trace with --era\n");
            return ExitCodes.Usage;
        }

        var file = loaded.Cells[0].Parsed;
        var path = file.Source?.Path ?? settings.Scenario;
        var name = file.Scenario!.Name.Value;
        if (loaded.Cells[0].Plan is not { } plan)
        {
            output.Out.Write($"scenario {name} ({path}) is skipped: {file.Scenario.Outcome.Reason?.Value ?? "it states outcome skip"}, so nothing runs\n");
            return ExitCodes.Success;
        }

        var from = settings.From is { } f ? TracePoints.Parse(f) : null;
        var to = settings.To is { } t ? TracePoints.Parse(t) : null;
        var window = $"{(from is { } a ? $" from {TracePoints.NameOf(a)}" : "")}{(to is { } b ? $" to {TracePoints.NameOf(b)}" : "")}";
        window = window.Length > 0 ? "," + window : "";
        output.Out.Write($"trace {name} ({path}), era {plan.Machine.Era.Name}, {file.Scenario.EffectiveArch.ToString().ToLowerInvariant()}{window}\n");
        output.Out.Write("  physical         linear            bytes                         instruction                       symbol                            changed\n");
        var options = new TraceOptions(from, to, settings.Count ?? TraceOptions.DefaultFirst, settings.Last);
        var trace = ScenarioTrace.Run(plan, options, line => output.Out.Write(line + "\n"));
        if (!trace.Started)
        {
            output.Out.Write($"  (the run never reached {settings.From}: nothing traced)\n");
        }
        else if (to is not null && !trace.Ended)
        {
            output.Out.Write($"  (the run ended before reaching {settings.To})\n");
        }

        if (trace.Omitted > 0)
        {
            var more = settings.Last is null ? "--count N shows more, --last N the last ones" : "--last N with a larger N shows more";
            output.Out.Write(string.Create(CultureInfo.InvariantCulture, $"  ... {trace.Omitted} more {(trace.Omitted == 1 ? "instruction" : "instructions")} not shown ({more})\n"));
        }

        var result = trace.Result;
        output.Out.Write(ResultText.Line(result, path, output.Colour) + "\n");
        if (!result.Passed)
        {
            output.Out.Write(ResultText.Details(result));
        }

        return result.Passed ? ExitCodes.Success : ExitCodes.NotPassed;
    }
}
