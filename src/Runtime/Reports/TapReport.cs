using System.Globalization;
using System.Text;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Reports;

/// <summary>
/// TAP version 14 in the style of KTAP and kselftest: the plan, one <c>ok</c> / <c>not ok</c> line per scenario with
/// <c># SKIP</c> for a skip, and for a scenario that did not pass a YAML diagnostics block with its outcome, stated
/// outcome, file and the report the console prints.
/// </summary>
public static class TapReport
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 text.</summary>
    public static void Write(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var text = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        text.WriteLine("TAP version 14");
        text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1..{report.Results.Count}"));
        foreach (var done in report.Results)
        {
            var result = done.Result;
            var number = (done.Index + 1).ToString(CultureInfo.InvariantCulture);
            var description = Description($"{result.Name} {done.File.RelativePath}");
            if (result.Actual == OutcomeKind.Skip)
            {
                text.WriteLine($"ok {number} - {description} # SKIP {Description((result.Messages.Count > 0 ? result.Messages[0].Text : "skipped"))}");
                continue;
            }

            text.WriteLine($"{(result.Passed ? "ok" : "not ok")} {number} - {description}");
            if (result.Passed)
            {
                continue;
            }

            text.WriteLine("  ---");
            text.WriteLine($"  outcome: {result.Actual.ToString().ToLowerInvariant()}");
            text.WriteLine($"  stated: {result.Expected.Kind.Value.ToString().ToLowerInvariant()}");
            text.WriteLine($"  file: {Quoted(done.File.RelativePath)}");
            text.WriteLine("  report: |");
            foreach (var line in ResultText.Details(result).TrimEnd('\n').Split('\n'))
            {
                text.WriteLine("    " + (line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line));
            }

            text.WriteLine("  ...");
        }
    }

    // '#' starts a directive and a new line ends the test line.
    private static string Description(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
