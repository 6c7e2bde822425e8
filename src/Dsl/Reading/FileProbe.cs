using System.Runtime.InteropServices;

namespace KjTest.Dsl.Reading;

/// <summary>
/// Classifies a path with <c>statx</c> before anything opens it: <c>open()</c> on a FIFO blocks until a
/// writer comes, and .NET's file APIs tell a FIFO, device or socket from a regular file only after opening.
/// </summary>
public static partial class FileProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 28;
    private const int InoOffset = 32;
    private const int SizeOffset = 40;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    private static readonly FileStatus Missing = new(FileKind.Missing, 0, "");

    /// <summary>The status of <paramref name="path"/>; null where statx is unavailable (not Linux).</summary>
    public static FileStatus? Probe(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct statx has one layout on every Linux architecture; 256 bytes is its full size.
        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType | StatxIno | StatxSize, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            return Missing;
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        var kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        var size = kind == FileKind.Regular ? (long)Math.Min(BitConverter.ToUInt64(buffer, SizeOffset), long.MaxValue) : 0;
        var identity = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BitConverter.ToUInt32(buffer, DevMajorOffset)}:{BitConverter.ToUInt32(buffer, DevMinorOffset)}:{BitConverter.ToUInt64(buffer, InoOffset)}");
        return new FileStatus(kind, size, identity);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
