using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// Sparse guest RAM: a three-level table (1 GiB groups, 2 MiB chunks, 4 KiB pages) whose levels are created on first write, so its cost follows the RAM touched, not the RAM declared. RAM never written
/// reads as zero; addresses at or above <see cref="Size"/> read as all ones and ignore writes.
/// Supports copy-on-write snapshots and per-page dirty tracking (pages written since the last snapshot).
/// </summary>
public sealed class PhysicalMemory : IPhysicalMemory
{
    /// <summary>Bytes per page.</summary>
    public const int PageSize = 4096;

    /// <summary>log2 of <see cref="PageSize"/>.</summary>
    public const int PageShift = 12;

    /// <summary>Offset mask inside a page.</summary>
    public const ulong PageMask = PageSize - 1;

    /// <summary>The largest RAM modelled: x86-64's MAXMEM with 4-level paging.</summary>
    public const ulong MaximumSize = 1UL << 46;

    internal static readonly byte[] ZeroPage = new byte[PageSize];

    private readonly ChunkGroup?[] _groups;
    private readonly ulong _pageCount;
    private readonly List<ulong> _written = [];
    private readonly HashSet<ulong> _watched = [];
    private int _epoch = 1;
    private SnapshotLineage? _base;

    /// <summary>Creates RAM of <paramref name="size"/> bytes (rounded up to whole pages).</summary>
    public PhysicalMemory(ulong size)
    {
        if (size == 0 || size > MaximumSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "RAM size must be between one page and 64 TiB");
        }

        _pageCount = (size + PageMask) >> PageShift;
        Size = _pageCount << PageShift;
        _groups = new ChunkGroup?[(_pageCount + (1UL << ChunkGroup.PageBits) - 1) >> ChunkGroup.PageBits];
    }

    /// <inheritdoc />
    public ulong Size { get; }

    /// <summary>Page numbers written since the last snapshot or restore, in first-write order.</summary>
    public IReadOnlyList<ulong> DirtyPages => _written;

    /// <summary>Raised when page references change wholesale (snapshot, restore): cached page pointers are stale.</summary>
    internal event Action? MappingChanged;

    /// <summary>Raised when a watched page (one holding decoded code) is about to be written; all watches are then cleared.</summary>
    internal event Action<ulong>? WatchedPageWritten;

    /// <summary>True when page <paramref name="pageNumber"/> was written since the last snapshot or restore.</summary>
    public bool IsDirty(ulong pageNumber)
    {
        var chunk = pageNumber < _pageCount ? ChunkGroup.ChunkOf(_groups, pageNumber) : null;
        return chunk is not null && chunk.Pages[pageNumber & (MemoryChunk.PageCount - 1)] is not null
            && chunk.PageEpochs[pageNumber & (MemoryChunk.PageCount - 1)] == _epoch;
    }

    /// <summary>Takes a copy-on-write snapshot; its cost follows the table size, not the bytes of RAM.</summary>
    public MemorySnapshot Snapshot()
    {
        var snapshot = new MemorySnapshot((ChunkGroup?[])_groups.Clone(), Size, new SnapshotLineage(_base, [.. _written]));
        _base = snapshot.Lineage;
        _written.Clear();
        _epoch++;
        MappingChanged?.Invoke();
        return snapshot;
    }

    /// <summary>Makes RAM hold exactly the bytes of <paramref name="snapshot"/>.</summary>
    public void Restore(MemorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Size != Size)
        {
            throw new ArgumentException("snapshot was taken of a memory of another size", nameof(snapshot));
        }

        snapshot.Groups.CopyTo(_groups, 0);
        _base = snapshot.Lineage;
        _written.Clear();
        _epoch++;
        MappingChanged?.Invoke();
    }

    /// <inheritdoc />
    public void Read(ulong address, Span<byte> destination)
    {
        for (var done = 0; done < destination.Length;)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & PageMask);
            var n = Math.Min(destination.Length - done, PageSize - offset);
            var part = destination.Slice(done, n);
            if (a >= Size)
            {
                part.Fill(0xFF);
            }
            else if (PageForRead(a >> PageShift) is { } page)
            {
                page.AsSpan(offset, n).CopyTo(part);
            }
            else
            {
                part.Clear();
            }

            done += n;
        }
    }

    /// <inheritdoc />
    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        for (var done = 0; done < source.Length;)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & PageMask);
            var n = Math.Min(source.Length - done, PageSize - offset);
            if (a < Size)
            {
                source.Slice(done, n).CopyTo(PageForWrite(a >> PageShift).AsSpan(offset, n));
            }

            done += n;
        }
    }

    /// <summary>
    /// Sets <paramref name="length"/> bytes from <paramref name="address"/> to zero, within RAM. Pages never written
    /// already read as zero and stay unallocated, so zeroing a large range costs no memory.
    /// </summary>
    public void Zero(ulong address, ulong length)
    {
        var end = address >= Size ? address : address + Math.Min(length, Size - address);
        for (var a = address; a < end;)
        {
            var n = Math.Min(end - a, PageSize - (a & PageMask));
            if (PageForRead(a >> PageShift) is not null)
            {
                Write(a, ZeroPage.AsSpan(0, (int)n));
            }

            a += n;
        }
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(ulong address) => address < Size ? (PageForRead(address >> PageShift) is { } p ? p[address & PageMask] : (byte)0) : (byte)0xFF;

    /// <summary>Reads a little-endian 16-bit value.</summary>
    public ushort ReadUInt16(ulong address) => (ushort)ReadSmall(address, 2);

    /// <summary>Reads a little-endian 32-bit value.</summary>
    public uint ReadUInt32(ulong address) => (uint)ReadSmall(address, 4);

    /// <summary>Reads a little-endian 64-bit value.</summary>
    public ulong ReadUInt64(ulong address) => ReadSmall(address, 8);

    /// <summary>Writes one byte.</summary>
    public void WriteByte(ulong address, byte value)
    {
        if (address < Size)
        {
            PageForWrite(address >> PageShift)[address & PageMask] = value;
        }
    }

    /// <summary>Writes a little-endian 16-bit value.</summary>
    public void WriteUInt16(ulong address, ushort value) => WriteSmall(address, 2, value);

    /// <summary>Writes a little-endian 32-bit value.</summary>
    public void WriteUInt32(ulong address, uint value) => WriteSmall(address, 4, value);

    /// <summary>Writes a little-endian 64-bit value.</summary>
    public void WriteUInt64(ulong address, ulong value) => WriteSmall(address, 8, value);

    /// <summary>Reads 16 bytes as a 128-bit value.</summary>
    public UInt128 ReadUInt128(ulong address)
    {
        if ((address & PageMask) <= PageSize - 16 && address < Size)
        {
            return PageForRead(address >> PageShift) is { } p ? Unsafe.ReadUnaligned<UInt128>(ref p[address & PageMask]) : UInt128.Zero;
        }

        Span<byte> b = stackalloc byte[16];
        Read(address, b);
        return BinaryPrimitives.ReadUInt128LittleEndian(b);
    }

    /// <summary>Writes 16 bytes as a 128-bit value.</summary>
    public void WriteUInt128(ulong address, UInt128 value)
    {
        if ((address & PageMask) <= PageSize - 16 && address < Size)
        {
            Unsafe.WriteUnaligned(ref PageForWrite(address >> PageShift)[address & PageMask], value);
            return;
        }

        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(b, value);
        Write(address, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadSmall(ulong address, int size)
    {
        if ((address & PageMask) <= (ulong)(PageSize - size) && address < Size)
        {
            if (PageForRead(address >> PageShift) is not { } p)
            {
                return 0;
            }

            ref var b = ref p[address & PageMask];
            return size switch
            {
                2 => Unsafe.ReadUnaligned<ushort>(ref b),
                4 => Unsafe.ReadUnaligned<uint>(ref b),
                _ => Unsafe.ReadUnaligned<ulong>(ref b),
            };
        }

        Span<byte> buffer = stackalloc byte[8];
        Read(address, buffer[..size]);
        return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteSmall(ulong address, int size, ulong value)
    {
        if ((address & PageMask) <= (ulong)(PageSize - size) && address < Size)
        {
            ref var b = ref PageForWrite(address >> PageShift)[address & PageMask];
            switch (size)
            {
                case 2: Unsafe.WriteUnaligned(ref b, (ushort)value); break;
                case 4: Unsafe.WriteUnaligned(ref b, (uint)value); break;
                default: Unsafe.WriteUnaligned(ref b, value); break;
            }

            return;
        }

        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        Write(address, buffer[..size]);
    }

    /// <summary>The page for reading, or null when it was never written (reads as zero). Caller checks the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte[]? PageForRead(ulong pageNumber) =>
        ChunkGroup.ChunkOf(_groups, pageNumber)?.Pages[pageNumber & (MemoryChunk.PageCount - 1)];

    /// <summary>True when <paramref name="pageNumber"/> is installed RAM.</summary>
    internal bool IsRam(ulong pageNumber) => pageNumber < _pageCount;

    /// <summary>
    /// The page for writing: created, or copied when shared with a snapshot, and marked dirty.
    /// Caller checks the range. The returned array stays private to the live memory until the next snapshot.
    /// </summary>
    internal byte[] PageForWrite(ulong pageNumber)
    {
        var gi = pageNumber >> ChunkGroup.PageBits;
        var group = _groups[gi];
        if (group is null)
        {
            group = _groups[gi] = new ChunkGroup(_epoch);
        }
        else if (group.Epoch != _epoch)
        {
            group = _groups[gi] = group.CloneFor(_epoch);
        }

        var ci = (int)((pageNumber >> MemoryChunk.PageBits) & (ChunkGroup.ChunkCount - 1));
        var pi = (int)(pageNumber & (MemoryChunk.PageCount - 1));
        var chunk = group.Chunks[ci];
        if (chunk is null)
        {
            chunk = group.Chunks[ci] = new MemoryChunk(_epoch);
        }
        else if (chunk.Epoch != _epoch)
        {
            chunk = group.Chunks[ci] = chunk.CloneFor(_epoch);
        }

        if (_watched.Count != 0 && _watched.Contains(pageNumber))
        {
            _watched.Clear();
            WatchedPageWritten?.Invoke(pageNumber);
        }

        var page = chunk.Pages[pi];
        if (page is not null && chunk.PageEpochs[pi] == _epoch)
        {
            return page;
        }

        page = page is null ? new byte[PageSize] : (byte[])page.Clone();
        chunk.Pages[pi] = page;
        chunk.PageEpochs[pi] = _epoch;
        _written.Add(pageNumber);
        return page;
    }

    /// <summary>True when the page may be written through a cached array without <see cref="PageForWrite"/>.</summary>
    internal bool IsPrivateAndUnwatched(ulong pageNumber)
    {
        var chunk = ChunkGroup.ChunkOf(_groups, pageNumber);
        var pi = (int)(pageNumber & (MemoryChunk.PageCount - 1));
        return chunk is not null && chunk.Epoch == _epoch && chunk.Pages[pi] is not null
            && chunk.PageEpochs[pi] == _epoch && !_watched.Contains(pageNumber);
    }

    /// <summary>Asks for <see cref="WatchedPageWritten"/> when the page is next written.</summary>
    internal bool Watch(ulong pageNumber) => _watched.Add(pageNumber);

    /// <summary>Drops every watch.</summary>
    internal void ClearWatches() => _watched.Clear();
}
