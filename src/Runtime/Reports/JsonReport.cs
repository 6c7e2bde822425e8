using System.Text.Json;
using KjTest.Dsl.Model;
using KjTest.Runtime.Suite;

namespace KjTest.Runtime.Reports;

/// <summary>
/// KjTest's JSON report: the summary and every result with its stable id and content hash, outcome and stated
/// outcome, messages with their ids and places, gap fields (old and new values) and memory pages, crash state,
/// stats, console output and duration. Its schema is <see cref="JsonReportSchema"/>.
/// </summary>
public static class JsonReport
{
    /// <summary>The report format's version, raised when a field changes meaning.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    public static void Write(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", Version);
        json.WriteStartObject("summary");
        json.WriteNumber("passed", report.Passed);
        json.WriteNumber("failed", report.Failed);
        json.WriteNumber("skipped", report.Skipped);
        json.WriteNumber("seconds", Math.Round(report.Duration.TotalSeconds, 3));
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var done in report.Results)
        {
            Result(json, done);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Result(Utf8JsonWriter json, SuiteResult done)
    {
        var result = done.Result;
        json.WriteStartObject();
        json.WriteString("id", done.File.Id);
        json.WriteString("name", result.Name);
        json.WriteString("file", done.File.RelativePath);
        json.WriteString("hash", done.File.ContentHash);
        json.WriteString("outcome", Word(result.Actual));
        json.WriteString("stated", Word(result.Expected.Kind.Value));
        json.WriteBoolean("passed", result.Passed);
        json.WriteNumber("seconds", Math.Round(done.Duration.TotalSeconds, 3));
        json.WriteStartArray("messages");
        foreach (var message in result.Messages)
        {
            json.WriteStartObject();
            json.WriteString("id", message.Id);
            json.WriteString("text", message.Text);
            if (message.Span.Line > 0)
            {
                json.WriteNumber("line", message.Span.Line);
                json.WriteNumber("column", message.Span.Column);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (result.Gap is { } gap)
        {
            json.WriteStartObject("gap");
            Fields(json, "fields", gap.Fields);
            json.WriteStartArray("pages");
            foreach (var page in gap.Pages)
            {
                json.WriteStartObject();
                json.WriteString("address", $"0x{page.Address:x}");
                json.WriteStartArray("ranges");
                foreach (var (offset, length) in page.Ranges)
                {
                    json.WriteStartObject();
                    json.WriteNumber("offset", offset);
                    json.WriteNumber("length", length);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("first_before", Convert.ToHexString(page.FirstBefore).ToLowerInvariant());
                json.WriteString("first_after", Convert.ToHexString(page.FirstAfter).ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (result.Crash is { } crash)
        {
            json.WriteStartObject("crash");
            json.WriteString("kind", crash.Kind.ToString().ToLowerInvariant());
            Fields(json, "fields", crash.Fields);
            if (result.Actual == OutcomeKind.Crash && crash.LastInstructions is { Count: > 0 } instructions)
            {
                json.WriteStartArray("instructions");
                foreach (var line in instructions)
                {
                    json.WriteStringValue(line.Trim());
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteStartObject("stats");
        json.WriteNumber("instructions", result.Stats.Instructions);
        json.WriteNumber("emulated_ns", result.Stats.EmulatedNanoseconds);
        json.WriteNumber("pages_swapped", result.Stats.PagesSwapped);
        json.WriteEndObject();
        json.WriteString("console", result.Console);
        json.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter json, string name, IReadOnlyList<Scenarios.GapField> fields)
    {
        json.WriteStartArray(name);
        foreach (var field in fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("before", field.Before);
            json.WriteString("after", field.After);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Word(OutcomeKind kind) => kind.ToString().ToLowerInvariant();
}
