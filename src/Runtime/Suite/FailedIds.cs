using System.Text.Json;

namespace KjTest.Runtime.Suite;

/// <summary>
/// The stable ids of scenarios that did not pass, read from KjTest's JSON report (<c>--rerun-failed</c>) or from the
/// last-failed cache (<c>--last-failed</c>), which has the same shape: <c>results[].id</c> and <c>results[].passed</c>.
/// </summary>
public static class FailedIds
{
    /// <summary>Larger files are refused rather than read: a report of a million scenarios is far below this.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The ids of every result in <paramref name="path"/> with <c>passed: false</c> and an outcome other than skip, in
    /// file order; null with <paramref name="error"/> (naming the file, and the line and column for bad JSON) when
    /// the file cannot be read or is not such a report.
    /// </summary>
    public static IReadOnlyList<string>? Read(string path, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        error = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"{path}: no such file";
                return null;
            }

            if (info.Length > MaxBytes)
            {
                error = $"{path}: {info.Length} bytes is larger than a report can be ({MaxBytes} bytes)";
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot read: {e.Message}";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                error = $"{path}:1:1: not a KjTest JSON report: it has no 'results' list (write one with --report json=PATH)";
                return null;
            }

            var ids = new List<string>();
            foreach (var result in results.EnumerateArray())
            {
                if (result.ValueKind == JsonValueKind.Object
                    && result.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && result.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.False
                    && !(result.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String && outcome.GetString() == "skip"))
                {
                    ids.Add(id.GetString()!);
                }
            }

            return ids;
        }
        catch (JsonException e)
        {
            error = $"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {FirstSentence(e.Message)}";
            return null;
        }
    }

    /// <summary>The parser's message without the position and path it appends, which the caller gives as file:line:column.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var tail in new[] { " LineNumber:", " Path:" })
        {
            if (message.IndexOf(tail, StringComparison.Ordinal) is var cut and > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd().TrimEnd('.');
    }
}
