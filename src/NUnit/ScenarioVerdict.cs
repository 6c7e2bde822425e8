using System.Globalization;
using KjTest.Dsl.Model;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Scenarios;

namespace KjTest.NUnit;

/// <summary>What NUnit is told of one scenario's result: pass, ignored with the skip's reason, or a failure message.</summary>
/// <param name="Kind">Pass, ignored or failed.</param>
/// <param name="Message">For a non-pass: the outcome against the stated one, then the account <c>kjtest run</c> prints.</param>
/// <param name="StackTrace">For a failure: a frame at the scenario's file and line, which test explorers make a link.</param>
internal sealed record ScenarioVerdict(ScenarioVerdictKind Kind, string Message, string? StackTrace)
{
    /// <summary>The verdict on <paramref name="result"/>, the run of <paramref name="scenario"/> in the fixture named <paramref name="fixture"/>.</summary>
    public static ScenarioVerdict Of(ScenarioCase scenario, ScenarioResult result, string fixture)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Actual == OutcomeKind.Skip)
        {
            return new ScenarioVerdict(ScenarioVerdictKind.Ignored, ResultText.Verdict(result), null);
        }

        if (result.Passed)
        {
            return new ScenarioVerdict(ScenarioVerdictKind.Passed, "", null);
        }

        var account = ResultText.Line(result, scenario.RelativePath, colour: false) + "\n" + ResultText.Details(result).TrimEnd('\n');
        var message = result.Actual == OutcomeKind.Error
            ? $"KjTest's own error, not the scenario's outcome ({ResultText.Verdict(result)}):\n{account}"
            : $"{ResultText.Verdict(result)}\n{account}";

        // The first message's line in this file, else the scenario's name: where an engineer starts reading.
        var line = result.Messages.Select(m => m.Span).Where(s => s.Line > 0 && SameFile(s.Path, scenario.FullPath)).Select(s => s.Line).FirstOrDefault(scenario.Line);
        var frame = string.Create(CultureInfo.InvariantCulture, $"   at {fixture}.{scenario.Name} in {scenario.FullPath}:line {line}");
        return new ScenarioVerdict(ScenarioVerdictKind.Failed, message, frame);
    }

    private static bool SameFile(string? path, string full) =>
        path is { Length: > 0 } && string.Equals(Path.GetFullPath(path), full, StringComparison.Ordinal);
}
