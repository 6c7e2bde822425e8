using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;

namespace KjTest.Dsl.Images;

/// <summary>Shared file access for raw and ELF images: path resolution and read errors as diagnostics.</summary>
internal static class ImageFiles
{
    /// <summary>Largest image file read, so a mistaken path to a huge file fails cleanly.</summary>
    public const long MaximumSize = 1L << 30;

    /// <summary>The absolute path of <paramref name="path"/> taken relative to <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string path, string baseDirectory) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    /// <summary>Reads a whole file of at most <paramref name="limit"/> bytes, or reports why it cannot be read and returns null.</summary>
    public static byte[]? ReadAll(string path, string baseDirectory, SourceSpan span, DiagnosticBag diagnostics, long limit = MaximumSize, string limitName = "the image file limit")
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

        var read = BoundedFile.Read(full, limit, limitName);
        if (read.Missing)
        {
            diagnostics.ReportWithHint(DiagnosticCatalogue.ImageFileNotFound, span, SuggestSibling(full), path);
            return null;
        }

        if (read.Bytes is null)
        {
            diagnostics.Report(DiagnosticCatalogue.ImageFileUnreadable, span, path, read.Problem);
        }

        return read.Bytes;
    }

    /// <summary>The diagnostic for content already read that is larger than <paramref name="limit"/>, or false when it fits.</summary>
    public static bool ReportIfTooLarge(byte[] bytes, string path, SourceSpan span, DiagnosticBag diagnostics, long limit, string limitName)
    {
        if (bytes.LongLength <= limit)
        {
            return false;
        }

        diagnostics.Report(DiagnosticCatalogue.ImageFileUnreadable, span, path, BoundedFile.TooLarge(bytes.LongLength, limit, limitName));
        return true;
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
