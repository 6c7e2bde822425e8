using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>
/// Reads the PT_LOAD segments and entry point of a static x86 or x86-64 ELF executable, with the same
/// validating reader scenario images use.
/// </summary>
public static class ElfImageReader
{
    /// <summary>True when <paramref name="data"/> starts with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> data) => data.Length >= 4 && data[0] == 0x7F && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    /// <summary>Parses an ELF executable; on failure returns null and a reason.</summary>
    public static GuestImage? TryRead(byte[] data, out string? error)
    {
        var read = ElfImage.Parse(data, "image", SourceSpan.None);
        if (!read.Succeeded)
        {
            error = read.Diagnostics.FirstOrDefault(d => d.IsError)?.Message ?? "not a valid ELF file";
            return null;
        }

        error = null;
        var segments = read.Segments
            .Select(s => new LoadSegment(s.PhysicalAddress != 0 ? s.PhysicalAddress : s.VirtualAddress, s.Data, s.MemorySize))
            .ToList();
        return new GuestImage(read.Class == ElfClass.Elf64 ? 64 : 32, read.Entry, segments);
    }
}
