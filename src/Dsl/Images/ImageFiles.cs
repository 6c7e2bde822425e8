using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>Shared file access for raw and ELF images: path resolution and read errors as diagnostics.</summary>
internal static class ImageFiles
{
    /// <summary>Largest image file read, so a mistaken path to a huge file fails cleanly.</summary>
    public const long MaximumSize = 1L << 30;

    /// <summary>The absolute path of <paramref name="path"/> taken relative to <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    /// <summary>Reads a whole file, or reports why it cannot be read and returns null.</summary>
    public static byte[]? ReadAll(string path, string baseDirectory, SourceSpan span, DiagnosticBag diagnostics)
    {
        string full;
        try
        {
            full = Resolve(path, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            diagnostics.Report(DiagnosticCatalogue.ImageFileUnreadable, span, path, e.Message);
            return null;
        }

        if (!File.Exists(full))
        {
            var hint = Directory.Exists(full) ? "this path is a directory" : SuggestSibling(full);
            diagnostics.ReportWithHint(DiagnosticCatalogue.ImageFileNotFound, span, hint, path);
            return null;
        }

        try
        {
            var info = new FileInfo(full);
            if (info.Length > MaximumSize)
            {
                diagnostics.Report(DiagnosticCatalogue.ImageFileUnreadable, span, path, $"it is larger than {MaximumSize} bytes");
                return null;
            }

            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Report(DiagnosticCatalogue.ImageFileUnreadable, span, path, e.Message);
            return null;
        }
    }

    private static string? SuggestSibling(string full)
    {
        try
        {
            var directory = Path.GetDirectoryName(full);
            if (directory is null || !Directory.Exists(directory))
            {
                return null;
            }

            return Suggestions.DidYouMean(Path.GetFileName(full), Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
