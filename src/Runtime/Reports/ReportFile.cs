namespace KjTest.Runtime.Reports;

/// <summary>Writes a report file whole or not at all: to a temporary file beside it, then renamed over it.</summary>
public static class ReportFile
{
    /// <summary>Creates <paramref name="path"/>'s folder and writes the file with <paramref name="write"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
