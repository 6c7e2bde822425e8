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
    /// and globs yield only files some front end reads. An argument matching nothing gives KJ1005. Folders are
    /// walked once each by identity (a symbolic link back up the tree is not a loop), a file reached through
    /// two paths is kept once, and a folder that cannot be listed gives KJ1007.
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
            var found = Matches(path, reader, diagnostics);
            if (found.Count == 0)
            {
                diagnostics.Add(DiagnosticCatalogue.NoFilesMatched.Create(SourceSpan.None with { Path = path }, path));
            }

            foreach (var file in found)
            {
                if (seen.Add(IdentityOf(file)))
                {
                    files.Add(file);
                }
            }
        }

        return (files, diagnostics);
    }

    private static string IdentityOf(string path) => FileProbe.Probe(path) is { Kind: not FileKind.Missing } status ? status.Identity : Path.GetFullPath(path);

    private static List<string> Matches(string path, ScenarioReader reader, List<Diagnostic> diagnostics)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            return [.. Walk(path, diagnostics).Where(reader.CanRead).Select(Display).Order(StringComparer.Ordinal)];
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

        // The glob is matched against the walk, which lists each real folder once; the globbing
        // library's own enumeration follows folder links round a loop forever.
        var top = root.Length == 0 ? "." : root;
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var walked = Walk(top, diagnostics).Select(Path.GetFullPath).ToList();
        return [.. matcher.Match(Path.GetFullPath(top), walked).Files
            .Select(match => Path.Combine(root, match.Path))
            .Where(reader.CanRead)
            .Select(Display)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Every non-folder entry under <paramref name="root"/>, each real folder listed once.</summary>
    private static List<string> Walk(string root, List<Diagnostic> diagnostics)
    {
        var files = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (!listed.Add(IdentityOf(folder)))
            {
                continue;
            }

            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                diagnostics.Add(DiagnosticCatalogue.FolderNotReadable.Create(SourceSpan.None with { Path = folder }, Display(folder), e.Message));
                continue;
            }

            foreach (var entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else
                {
                    files.Add(entry);
                }
            }
        }

        return files;
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
