using KjTest.Abi.Elf;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>Reads the PT_LOAD segments and entry point of a static x86 or x86-64 ELF executable with the ABI's ELF reader.</summary>
public static class ElfImageReader
{
    /// <summary>True when <paramref name="data"/> starts with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> data) => ElfFile.HasMagic(data);

    /// <summary>Parses an ELF executable; on failure returns null and a reason.</summary>
    public static GuestImage? TryRead(byte[] data, out string? error)
    {
        var read = ElfFile.Parse(data);
        if (!read.Succeeded)
        {
            error = read.Problems[0].Describe("image");
            return null;
        }

        error = null;
        var segments = read.Segments
            .Select(s => new LoadSegment(s.PhysicalAddress != 0 ? s.PhysicalAddress : s.VirtualAddress, s.Data, s.MemorySize))
            .ToList();
        return new GuestImage(read.Class == ElfClass.Elf64 ? 64 : 32, read.Entry, segments);
    }
}
