using System.Globalization;
using System.Text;
using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Reports;

/// <summary>The text account of one scenario run, as the console and the reports give it: its line, and for a non-pass the full account.</summary>
public static class ResultText
{
    private const int PagesShown = 10;

    /// <summary>The one-line summary: status, name, actual outcome when it is not the stated one, and the file.</summary>
    public static string Line(ScenarioResult result, string path, bool colour)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = result.Actual == OutcomeKind.Skip ? "SKIP" : result.Passed ? "PASS" : "FAIL";
        var painted = !colour ? status : status switch
        {
            "PASS" => $"\u001b[32m{status}\u001b[0m",
            "SKIP" => $"\u001b[33m{status}\u001b[0m",
            _ => $"\u001b[31m{status}\u001b[0m",
        };
        return $"{painted} {result.Name} ({Verdict(result)}) {path}";
    }

    /// <summary>
    /// What happened against what was stated: <c>crash, stated pass</c> (with the stated fields) for a non-pass, the
    /// outcome for a pass, the reason for a skip.
    /// </summary>
    public static string Verdict(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = Name(result.Actual);
        var stated = result.Expected.Kind.Value;
        return result.Actual == OutcomeKind.Skip
            ? (result.Messages.Count > 0 ? result.Messages[0].Text : outcome)
            : result.Passed
            ? outcome
            : $"{outcome}, stated {Name(stated)}{(result.Expected.Fields.Count > 0 ? $" [{string.Join(", ", result.Expected.Fields.Select(f => f.Value))}]" : "")}";
    }

    /// <summary>
    /// The full account: every message with its line, the CPU's system state at a crash against A's before the jump,
    /// and the gap field by field and page by page.
    /// </summary>
    public static string Details(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var message in result.Messages)
        {
            var span = message.Span;
            text.Append(CultureInfo.InvariantCulture, $"    {(span.Line > 0 ? $"{span.Path}:{span.Line}:{span.Column}: " : "")}{message}\n");
        }

        if (result.Crash is { } crash)
        {
            var count = crash.Fields.Count;
            text.Append(CultureInfo.InvariantCulture, $"    at the crash: {count} system {(count == 1 ? "field differs" : "fields differ")} from A before the jump (before -> at the crash)\n");
            foreach (var field in crash.Fields)
            {
                text.Append(CultureInfo.InvariantCulture, $"      {field.Name}: {field.Before} -> {field.After}\n");
            }

            // Only an unexpected crash: a scenario stating its triple fault does not need the instructions that led there.
            if (result.Actual == OutcomeKind.Crash && crash.LastInstructions is { Count: > 0 } instructions)
            {
                text.Append(CultureInfo.InvariantCulture, $"    the last {instructions.Count} instructions before the crash (physical, linear, bytes, instruction, symbol, changed registers):\n");
                foreach (var line in instructions)
                {
                    text.Append("    ").Append(line).Append('\n');
                }
            }
        }

        if (result.Gap is { } gap)
        {
            text.Append(CultureInfo.InvariantCulture, $"    gap: {gap.Fields.Count} {(gap.Fields.Count == 1 ? "field" : "fields")}, {gap.Pages.Count} memory {(gap.Pages.Count == 1 ? "page" : "pages")}\n");
            foreach (var field in gap.Fields)
            {
                text.Append(CultureInfo.InvariantCulture, $"      {field.Name}: {field.Before} -> {field.After}\n");
            }

            foreach (var page in gap.Pages.Take(PagesShown))
            {
                var ranges = string.Join(", ", page.Ranges.Select(r => $"+0x{r.Offset:x}..+0x{r.Offset + r.Length:x}"));
                text.Append(CultureInfo.InvariantCulture, $"      page 0x{page.Address:x}: bytes {ranges}; first {Convert.ToHexString(page.FirstBefore).ToLowerInvariant()} -> {Convert.ToHexString(page.FirstAfter).ToLowerInvariant()}\n");
            }

            if (gap.Pages.Count > PagesShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"      ... and {gap.Pages.Count - PagesShown} more pages\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The <c>--stats</c> line.</summary>
    public static string Stats(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Stats;
        return string.Create(CultureInfo.InvariantCulture, $"    stats: {s.Instructions} instructions, {s.EmulatedNanoseconds / 1000.0:0.###} us emulated, {s.PagesSwapped} pages swapped\n");
    }

    private static string Name(OutcomeKind kind) => kind.ToString().ToLowerInvariant();
}
