using System.Text.Json;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Suite;

/// <summary>
/// The cache behind <c>--last-failed</c>: <c>last-failed.json</c> in the cache folder (<c>.kjtest/</c> by default),
/// holding the scenarios that did not pass, in the JSON report's shape. Each run updates it as pytest's cache does:
/// a scenario that ran is recorded by its new result, one that did not run keeps its old entry.
/// </summary>
/// <param name="Folder">The cache folder.</param>
public sealed record LastFailedCache(string Folder)
{
    /// <summary>The default folder, relative to the working directory.</summary>
    public const string DefaultFolder = ".kjtest";

    /// <summary>The cache file.</summary>
    public string FilePath => Path.Combine(Folder, "last-failed.json");

    /// <summary>The ids recorded as not passed; empty when there is no cache yet. Null with <paramref name="error"/> for a damaged cache.</summary>
    public IReadOnlyList<string>? Read(out string? error)
    {
        error = null;
        return File.Exists(FilePath) ? FailedIds.Read(FilePath, out error) : [];
    }

    /// <summary>
    /// Records <paramref name="results"/> over the previous entries: the ones that did not pass replace whatever the
    /// cache said about their ids. Returns an error message when the folder cannot be written; the run itself stands.
    /// </summary>
    public string? Update(IEnumerable<SuiteResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ran = results.ToList();
        var ranIds = ran.Select(r => r.File.Id).ToHashSet(StringComparer.Ordinal);
        var kept = (Read(out _) ?? []).Where(id => !ranIds.Contains(id)).ToList();
        try
        {
            Directory.CreateDirectory(Folder);
            var ignore = Path.Combine(Folder, ".gitignore");
            if (!File.Exists(ignore))
            {
                // The cache is per checkout; keep it out of version control as pytest does with its own.
                File.WriteAllText(ignore, "# written by kjtest: the --last-failed cache\n*\n");
            }

            var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
            using (var stream = File.Create(temporary))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteNumber("version", 1);
                json.WriteStartArray("results");
                foreach (var id in kept)
                {
                    Entry(json, id, null, null);
                }

                foreach (var done in ran.Where(r => !r.Result.Passed && r.Result.Actual != OutcomeKind.Skip))
                {
                    Entry(json, done.File.Id, done.File.ContentHash, done.Result.Actual.ToString().ToLowerInvariant());
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            File.Move(temporary, FilePath, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot update the last-failed cache {FilePath}: {e.Message}";
        }
    }

    private static void Entry(Utf8JsonWriter json, string id, string? hash, string? outcome)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (hash is not null)
        {
            json.WriteString("hash", hash);
        }

        if (outcome is not null)
        {
            json.WriteString("outcome", outcome);
        }

        json.WriteBoolean("passed", false);
        json.WriteEndObject();
    }
}
