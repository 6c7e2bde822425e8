using System.Buffers.Binary;

namespace KjTest.Dsl.Tests.Images;

/// <summary>Writes small ELF32/ELF64 little-endian executables byte by byte for tests.</summary>
internal sealed class ElfBuilder
{
    public bool Is64 { get; init; } = true;

    public ushort Type { get; init; } = 2;

    public ushort Machine { get; init; } = 62;

    public ulong Entry { get; init; }

    public List<ElfBuilderSegment> Segments { get; } = [];

    public int HeaderSize => Is64 ? 64 : 52;

    public int ProgramHeaderSize => Is64 ? 56 : 32;

    /// <summary>File offset of program header <paramref name="index"/>.</summary>
    public int ProgramHeaderOffset(int index) => HeaderSize + (index * ProgramHeaderSize);

    public ElfBuilder Add(uint type, uint flags, ulong address, byte[] data, ulong? memorySize = null, ulong? physicalAddress = null)
    {
        Segments.Add(new ElfBuilderSegment(type, flags, address, physicalAddress ?? address, data, memorySize ?? (ulong)data.Length));
        return this;
    }

    public byte[] Build()
    {
        var dataStart = ProgramHeaderOffset(Segments.Count);
        var offsets = new List<int>();
        var position = (dataStart + 15) & ~15;
        foreach (var segment in Segments)
        {
            offsets.Add(position);
            position = (position + segment.Data.Length + 15) & ~15;
        }

        var file = new byte[position];
        var span = file.AsSpan();
        span[0] = 0x7f;
        span[1] = (byte)'E';
        span[2] = (byte)'L';
        span[3] = (byte)'F';
        span[4] = Is64 ? (byte)2 : (byte)1;
        span[5] = 1;
        span[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        if (Is64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[24..], Entry);
            BinaryPrimitives.WriteUInt64LittleEndian(span[32..], (ulong)HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[52..], (ushort)HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[54..], (ushort)ProgramHeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[56..], (ushort)Segments.Count);
            BinaryPrimitives.WriteUInt16LittleEndian(span[58..], 64);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)Entry);
            BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[40..], (ushort)HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[42..], (ushort)ProgramHeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(span[44..], (ushort)Segments.Count);
            BinaryPrimitives.WriteUInt16LittleEndian(span[46..], 40);
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            var header = span[ProgramHeaderOffset(i)..];
            BinaryPrimitives.WriteUInt32LittleEndian(header, segment.Type);
            if (Is64)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], segment.Flags);
                BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)offsets[i]);
                BinaryPrimitives.WriteUInt64LittleEndian(header[16..], segment.Address);
                BinaryPrimitives.WriteUInt64LittleEndian(header[24..], segment.PhysicalAddress);
                BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)segment.Data.Length);
                BinaryPrimitives.WriteUInt64LittleEndian(header[40..], segment.MemorySize);
                BinaryPrimitives.WriteUInt64LittleEndian(header[48..], 16);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)offsets[i]);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)segment.Address);
                BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)segment.PhysicalAddress);
                BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)segment.Data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)segment.MemorySize);
                BinaryPrimitives.WriteUInt32LittleEndian(header[24..], segment.Flags);
                BinaryPrimitives.WriteUInt32LittleEndian(header[28..], 16);
            }

            segment.Data.CopyTo(span[offsets[i]..]);
        }

        return file;
    }
}
