using ELFSharp.ELF;
using ELFSharp.ELF.Segments;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>Reads the PT_LOAD segments and entry point of a static x86 or x86-64 ELF executable.</summary>
public static class ElfImageReader
{
    /// <summary>True when <paramref name="data"/> starts with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> data) => data.Length >= 4 && data[0] == 0x7F && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    /// <summary>Parses an ELF executable; on failure returns null and a reason.</summary>
    public static GuestImage? TryRead(byte[] data, out string? error)
    {
        error = null;
        using var stream = new MemoryStream(data, writable: false);
        if (!ELFReader.TryLoad(stream, false, out var elf))
        {
            error = "not a valid ELF file";
            return null;
        }

        using (elf)
        {
            if (elf.Machine is not (ELFSharp.ELF.Machine.Intel386 or ELFSharp.ELF.Machine.AMD64))
            {
                error = $"ELF machine {elf.Machine} is not x86";
                return null;
            }

            var segments = new List<LoadSegment>();
            ulong entry;
            if (elf is ELF<ulong> elf64)
            {
                entry = elf64.EntryPoint;
                foreach (var s in elf64.Segments.Where(s => s.Type == SegmentType.Load))
                {
                    segments.Add(new LoadSegment(s.PhysicalAddress != 0 ? s.PhysicalAddress : s.Address, s.GetFileContents(), s.Size));
                }
            }
            else if (elf is ELF<uint> elf32)
            {
                entry = elf32.EntryPoint;
                foreach (var s in elf32.Segments.Where(s => s.Type == SegmentType.Load))
                {
                    segments.Add(new LoadSegment(s.PhysicalAddress != 0 ? s.PhysicalAddress : s.Address, s.GetFileContents(), s.Size));
                }
            }
            else
            {
                error = "unsupported ELF class";
                return null;
            }

            if (segments.Count == 0)
            {
                error = "ELF file has no PT_LOAD segment";
                return null;
            }

            return new GuestImage(elf.Class == Class.Bit64 ? 64 : 32, entry, segments);
        }
    }
}
