using System.Buffers.Binary;
using System.Globalization;
using ELFSharp.ELF;
using ELFSharp.ELF.Segments;

namespace KjTest.Abi.Elf;

/// <summary>
/// Reads little-endian ELF32 and ELF64 x86 executables (ET_EXEC, and ET_DYN taken at the addresses in its headers)
/// into PT_LOAD segments. The header and program headers are checked here first, so a bad file gives a precise
/// problem; ELFSharp then reads the checked segments.
/// </summary>
public static class ElfFile
{
    private const int LoadType = 1;
    private const ushort MachineX86 = 3;
    private const ushort MachineX8664 = 62;

    /// <summary>True when <paramref name="data"/> starts with the ELF magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 4 && data[0] == 0x7F && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    /// <summary>Parses ELF file contents; the problems say why a file cannot be loaded.</summary>
    public static ElfFileResult Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<ElfProblem>();
        var header = CheckHeader(content, problems);
        if (header is null)
        {
            return Failed(problems);
        }

        var loadCount = CheckProgramHeaders(content, header, problems);
        if (problems.Count > 0)
        {
            return Failed(problems);
        }

        if (loadCount == 0)
        {
            problems.Add(new ElfProblem(ElfProblemKind.NoLoadSegments, []));
            return Failed(problems);
        }

        try
        {
            return new ElfFileResult(header.Class, header.Machine, header.Entry, ReadWithLibrary(content, header), problems);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Our checks should make this unreachable; the library is third-party, so stay defensive.
            problems.Add(new ElfProblem(ElfProblemKind.Malformed, [e.Message]));
            return Failed(problems);
        }
    }

    private static ElfFileResult Failed(List<ElfProblem> problems) => new(ElfClass.Unknown, 0, 0, [], problems);

    private static ElfHeader? CheckHeader(byte[] content, List<ElfProblem> problems)
    {
        if (content.Length < 4 || content[0] != 0x7f || content[1] != (byte)'E' || content[2] != (byte)'L' || content[3] != (byte)'F')
        {
            problems.Add(new ElfProblem(ElfProblemKind.NotElf, ["it does not start with the bytes 7f 45 4c 46"]));
            return null;
        }

        if (content.Length < 16)
        {
            problems.Add(new ElfProblem(ElfProblemKind.Truncated, [$"the identification needs 16 bytes, the file has {content.Length}"]));
            return null;
        }

        var elfClass = content[4] switch { 1 => ElfClass.Elf32, 2 => ElfClass.Elf64, _ => ElfClass.Unknown };
        if (elfClass == ElfClass.Unknown)
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedFormat, [$"unknown ELF class {content[4]}; expected 1 (ELF32) or 2 (ELF64)"]));
            return null;
        }

        if (content[5] != 1)
        {
            var what = content[5] == 2 ? "big-endian ELF files are not supported; x86 images are little-endian" : $"unknown byte order {content[5]}";
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedFormat, [what]));
            return null;
        }

        if (content[6] != 1)
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedFormat, [$"unknown ELF version {content[6]}"]));
            return null;
        }

        var is64 = elfClass == ElfClass.Elf64;
        var headerSize = is64 ? 64 : 52;
        if (content.Length < headerSize)
        {
            problems.Add(new ElfProblem(ElfProblemKind.Truncated, [$"the ELF header needs {headerSize} bytes, the file has {content.Length}"]));
            return null;
        }

        var bytes = content.AsSpan();
        var type = BinaryPrimitives.ReadUInt16LittleEndian(bytes[16..]);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(bytes[18..]);
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]);
        if (type is not (2 or 3))
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedType, [type]));
            return null;
        }

        if (machine is not (MachineX86 or MachineX8664))
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedMachine, [machine]));
            return null;
        }

        if (version != 1)
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedFormat, [$"unknown e_version {version}"]));
            return null;
        }

        return is64
            ? new ElfHeader(
                elfClass,
                machine,
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[32..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[54..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[56..]))
            : new ElfHeader(
                elfClass,
                machine,
                BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]),
                BinaryPrimitives.ReadUInt32LittleEndian(bytes[28..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[42..]),
                BinaryPrimitives.ReadUInt16LittleEndian(bytes[44..]));
    }

    private static int CheckProgramHeaders(byte[] content, ElfHeader header, List<ElfProblem> problems)
    {
        var is64 = header.Class == ElfClass.Elf64;
        var minimumEntry = is64 ? 56 : 32;
        if (header.ProgramHeaderCount == 0)
        {
            return 0;
        }

        if (header.ProgramHeaderEntrySize < minimumEntry)
        {
            problems.Add(new ElfProblem(ElfProblemKind.UnsupportedFormat, [$"e_phentsize {header.ProgramHeaderEntrySize} is smaller than a program header ({minimumEntry} bytes)"]));
            return 0;
        }

        var tableEnd = (UInt128)header.ProgramHeaderOffset + ((UInt128)header.ProgramHeaderCount * header.ProgramHeaderEntrySize);
        if (tableEnd > (UInt128)content.Length)
        {
            problems.Add(new ElfProblem(ElfProblemKind.Truncated, [$"the program headers end at byte {Hex(tableEnd)} but the file has {content.Length} bytes"]));
            return 0;
        }

        var loads = 0;
        for (var index = 0; index < header.ProgramHeaderCount; index++)
        {
            var entry = content.AsSpan((int)header.ProgramHeaderOffset + (index * header.ProgramHeaderEntrySize));
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) != LoadType)
            {
                continue;
            }

            loads++;
            ulong offset, fileSize, memorySize;
            if (is64)
            {
                offset = BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]);
                fileSize = BinaryPrimitives.ReadUInt64LittleEndian(entry[32..]);
                memorySize = BinaryPrimitives.ReadUInt64LittleEndian(entry[40..]);
            }
            else
            {
                offset = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
                fileSize = BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]);
                memorySize = BinaryPrimitives.ReadUInt32LittleEndian(entry[20..]);
            }

            var end = (UInt128)offset + fileSize;
            if (end > (UInt128)content.Length)
            {
                problems.Add(new ElfProblem(ElfProblemKind.SegmentBeyondFile, [index, Hex(offset), Hex(end), content.Length]));
            }

            if (memorySize < fileSize)
            {
                problems.Add(new ElfProblem(ElfProblemKind.MemorySizeBelowFileSize, [index, Hex(memorySize), Hex(fileSize)]));
            }
        }

        return loads;
    }

    private static List<ElfLoadSegment> ReadWithLibrary(byte[] content, ElfHeader header)
    {
        // Loading uses only PT_LOAD headers, so the library gets a copy without a section table and
        // with other program headers turned into PT_NULL: damage there must not fail the load.
        var copy = (byte[])content.Clone();
        if (header.Class == ElfClass.Elf64)
        {
            copy.AsSpan(40, 8).Clear();
            copy.AsSpan(58, 6).Clear();
        }
        else
        {
            copy.AsSpan(32, 4).Clear();
            copy.AsSpan(46, 6).Clear();
        }

        for (var index = 0; index < header.ProgramHeaderCount; index++)
        {
            var type = copy.AsSpan((int)header.ProgramHeaderOffset + (index * header.ProgramHeaderEntrySize), 4);
            if (BinaryPrimitives.ReadUInt32LittleEndian(type) != LoadType)
            {
                type.Clear();
            }
        }

        using var stream = new MemoryStream(copy, writable: false);
        if (!ELFReader.TryLoad(stream, false, out var elf))
        {
            throw new InvalidDataException("ELFSharp did not recognise the file");
        }

        using (elf)
        {
            var result = new List<ElfLoadSegment>();
            var index = 0;
            foreach (var segment in elf.Segments)
            {
                if (segment.Type == SegmentType.Load)
                {
                    result.Add(ToLoadSegment(index, segment));
                }

                index++;
            }

            return result;
        }
    }

    private static ElfLoadSegment ToLoadSegment(int index, ISegment segment)
    {
        var flags = (ElfSegmentPermissions)((int)segment.Flags & 7);
        return segment switch
        {
            Segment<ulong> s => new ElfLoadSegment(index, s.PhysicalAddress, s.Address, s.GetFileContents(), s.Size, flags, (ulong)s.Offset),
            Segment<uint> s => new ElfLoadSegment(index, s.PhysicalAddress, s.Address, s.GetFileContents(), s.Size, flags, (ulong)s.Offset),
            _ => throw new InvalidDataException($"unexpected segment type {segment.GetType().Name}"),
        };
    }

    private static string Hex(UInt128 value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
