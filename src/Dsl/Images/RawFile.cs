using System.Globalization;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>Reads a raw binary image file named in a scenario, optionally only a window of it.</summary>
public static class RawFile
{
    /// <summary>
    /// Reads <paramref name="path"/> (relative paths are taken from <paramref name="baseDirectory"/>,
    /// the scenario file's directory). With <paramref name="offset"/> and/or <paramref name="length"/>
    /// only that window is returned; a window reaching past the end of the file is a diagnostic.
    /// </summary>
    public static ImageBytesResult Read(string path, string baseDirectory, SourceSpan pathSpan, long? offset = null, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var diagnostics = new DiagnosticBag();
        var bytes = ImageFiles.ReadAll(path, baseDirectory, pathSpan, diagnostics);
        if (bytes is null)
        {
            return new ImageBytesResult(null, diagnostics.Items);
        }

        var start = offset ?? 0;
        var count = length ?? (bytes.LongLength - start);
        if (start < 0 || count < 0 || start > bytes.LongLength || count > bytes.LongLength - start)
        {
            diagnostics.Report(
                DiagnosticCatalogue.ImageWindowOutOfRange,
                pathSpan,
                start.ToString(CultureInfo.InvariantCulture),
                count.ToString(CultureInfo.InvariantCulture),
                path,
                bytes.LongLength.ToString(CultureInfo.InvariantCulture));
            return new ImageBytesResult(null, diagnostics.Items);
        }

        return new ImageBytesResult(bytes.AsSpan((int)start, (int)count).ToArray(), diagnostics.Items);
    }
}
