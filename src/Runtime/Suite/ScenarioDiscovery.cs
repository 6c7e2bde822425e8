using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using Microsoft.Extensions.FileSystemGlobbing;

namespace KjTest.Runtime.Suite;

/// <summary>Turns command-line paths (files, folders searched recursively, globs) into scenario files.</summary>
public static class ScenarioDiscovery
{
    /// <summary>
    /// The files named by <paramref name="paths"/>, in order of the arguments and then by name, each once.
    /// A file named directly is kept whatever its extension (reading it reports an unknown kind); folders
    /// and globs yield only files some front end reads. An argument matching nothing gives KJ1005.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<Diagnostic> Diagnostics) Expand(IEnumerable<string> paths, ScenarioReader reader)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(reader);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        foreach (var path in paths)
        {
            var found = Matches(path, reader);
            if (found.Count == 0)
            {
                diagnostics.Add(DiagnosticCatalogue.NoFilesMatched.Create(SourceSpan.None with { Path = path }, path));
            }

            foreach (var file in found)
            {
                if (seen.Add(Path.GetFullPath(file)))
                {
                    files.Add(file);
                }
            }
        }

        return (files, diagnostics);
    }

    private static List<string> Matches(string path, ScenarioReader reader)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(reader.CanRead)
                .Select(Display)
                .Order(StringComparer.Ordinal)];
        }

        if (path.IndexOfAny(['*', '?', '[', '{']) < 0)
        {
            return [];
        }

        var (root, pattern) = SplitGlob(path);
        if (!Directory.Exists(root.Length == 0 ? "." : root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        return [.. matcher.GetResultsInFullPath(root.Length == 0 ? "." : root)
            .Select(full => Path.Combine(root, Path.GetRelativePath(root.Length == 0 ? "." : root, full)))
            .Where(reader.CanRead)
            .Select(Display)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The longest leading folder without wildcards, and the pattern relative to it.</summary>
    private static (string Root, string Pattern) SplitGlob(string path)
    {
        var normal = path.Replace('\\', '/');
        var parts = normal.Split('/');
        var fixedParts = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[', '{']) < 0).ToList();
        if (fixedParts.Count == parts.Length)
        {
            fixedParts.RemoveAt(fixedParts.Count - 1);
        }

        var root = string.Join('/', fixedParts);
        if (normal.StartsWith('/') && root.Length == 0)
        {
            root = "/";
        }

        return (root, string.Join('/', parts.Skip(fixedParts.Count)));
    }

    private static string Display(string path) => path.Replace('\\', '/');
}
