using System.Globalization;

namespace KjTest.Dsl.Reading;

/// <summary>
/// The one way KjTest reads a scenario or image file: a regular file only (a FIFO, device or socket is
/// refused by its kind before it is opened), and never more than a stated number of bytes.
/// </summary>
public static class BoundedFile
{
    /// <summary>The largest scenario file read.</summary>
    public const long ScenarioLimit = 64L << 20;

    /// <summary>Reads <paramref name="path"/> whole if it is a regular file of at most <paramref name="limit"/> bytes.</summary>
    public static BoundedRead Read(string path, long limit, string limitName = "the limit")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return new BoundedRead(null, "the path contains a NUL character");
        }

        var probe = FileProbe.Probe(path);
        if (probe is { Kind: FileKind.Missing } || (probe is null && !File.Exists(path) && !Directory.Exists(path)))
        {
            return new BoundedRead(null, "no such file", Missing: true);
        }

        if (probe is not null && probe.Kind != FileKind.Regular)
        {
            return new BoundedRead(null, $"it is {Describe(probe.Kind)}, not a regular file");
        }

        if (probe is not null && probe.Size > limit)
        {
            return new BoundedRead(null, TooLarge(probe.Size, limit, limitName));
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            // Read one byte past the limit: a file that grew, or one whose stat size is 0 (/proc), is still bounded.
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return new BoundedRead(null, TooLarge(null, limit, limitName));
                }
            }

            return new BoundedRead(buffer.ToArray(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return new BoundedRead(null, e.Message);
        }
    }

    /// <summary>"a FIFO", "a directory", ...: the kind with its article.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "a special file",
    };

    /// <summary>Why a file of <paramref name="size"/> bytes (null: unknown, but past the limit) is not read.</summary>
    public static string TooLarge(long? size, long limit, string limitName) => size is { } known
        ? string.Create(CultureInfo.InvariantCulture, $"it is {known} bytes, more than {limitName} of {limit} bytes")
        : string.Create(CultureInfo.InvariantCulture, $"it holds more than {limitName} of {limit} bytes");
}
