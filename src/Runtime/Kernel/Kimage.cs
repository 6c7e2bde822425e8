using KjTest.Abi;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel;

/// <summary>
/// A <c>struct kimage</c> under construction or loaded: the entry list written word by word into indirection pages in
/// guest RAM, and the page bookkeeping of kernel/kexec_core.c (reference 3.2, 3.3).
/// </summary>
internal sealed class Kimage
{
    private const ulong PageMask = ~KernelConstants.PageOffsetMask;

    private readonly KernelConfig _config;
    private readonly KexecArchLimits _limits;
    private readonly IPhysicalMemory _memory;
    private readonly KernelPageAllocator _allocator;
    private readonly AllocationFailurePolicy? _failures;
    private readonly int _wordsPerPage;
    private readonly List<(ulong Block, int Order)> _controlBlocks = [];
    private readonly List<ulong> _prepareBlocks = [];
    private readonly List<ulong> _destPages = [];
    private readonly List<ulong> _unusablePages = [];

    // Host mirror of every word the list holds (null address = image->head), for the layout and for freeing.
    private readonly List<(ulong? Address, ulong Value)> _entries = [];
    private readonly Dictionary<ulong, int> _entryIndexByAddress = [];

    // Cursor: null stands for &image->head.
    private ulong? _entry;
    private ulong? _lastEntry;
    private ulong _crashControlCursor;

    internal Kimage(KernelConfig config, IPhysicalMemory memory, KernelPageAllocator allocator, KimageType type, ulong start, IReadOnlyList<KimageSegment> segments, AllocationFailurePolicy? failures = null)
    {
        _failures = failures;
        _config = config;
        _limits = KexecArchLimits.For(config.Arch);
        _memory = memory;
        _allocator = allocator;
        _wordsPerPage = (int)(KernelConstants.PageSize / (ulong)_limits.WordSize);
        Type = type;
        Start = start;
        Segments = segments;
        if (type == KimageType.Crash)
        {
            _crashControlCursor = CrashStart;
        }
    }

    internal KimageType Type { get; }

    internal ulong Start { get; set; }

    internal IReadOnlyList<KimageSegment> Segments { get; }

    internal ulong Head { get; private set; }

    internal ulong ControlCodePage { get; private set; }

    internal int ControlOrder { get; private set; }

    internal ulong? SwapPage { get; private set; }

    internal bool PreserveContext { get; set; }

    internal int Exchanges { get; private set; }

    private ulong CrashStart => _config.CrashKernel?.Start ?? 0;

    private ulong CrashEnd => _config.CrashKernel?.Last ?? 0;

    /// <summary>kimage_alloc_control_pages for the control code block; false on ENOMEM.</summary>
    internal bool AllocateControlCodePage(int order)
    {
        if (Fails(KernelAllocation.Control))
        {
            return false;
        }

        var block = AllocateControlPages(order);
        if (block is not { } address)
        {
            return false;
        }

        ControlCodePage = address;
        ControlOrder = order;
        return true;
    }

    /// <summary>The order-0 swap page of a normal image; false on ENOMEM.</summary>
    internal bool AllocateSwapPage()
    {
        if (Fails(KernelAllocation.Swap))
        {
            return false;
        }

        var block = AllocateControlPages(0);
        SwapPage = block;
        return block is not null;
    }

    internal ulong? AllocatePrepareControlPages(int order)
    {
        var block = AllocateControlPages(order);
        if (block is { } address)
        {
            for (ulong i = 0; i < 1UL << order; i++)
            {
                _prepareBlocks.Add(address + (i * KernelConstants.PageSize));
            }
        }

        return block;
    }

    /// <summary>kimage_load_normal_segment or kimage_load_crash_segment; returns 0 or a positive errno.</summary>
    internal int LoadSegment(KexecSegment segment)
    {
        return Type == KimageType.Crash ? LoadCrashSegment(segment) : LoadNormalSegment(segment);
    }

    /// <summary>kimage_terminate: IND_DONE in the slot after the last entry.</summary>
    internal void Terminate()
    {
        if (ReadSlot(_entry) != 0)
        {
            _entry += (ulong)_limits.WordSize;
        }

        WriteSlot(_entry, KimageEntry.Done);
        Record(_entry, KimageEntry.Done);
    }

    /// <summary>kimage_free: every page the image holds goes back to the allocator (crash memory is not the allocator's).</summary>
    internal void Free()
    {
        foreach (var page in _destPages.Concat(_unusablePages))
        {
            _allocator.Free(page);
        }

        foreach (var (_, value) in _entries)
        {
            if ((value & (KimageEntry.Destination | KimageEntry.Done)) != 0)
            {
                continue;
            }

            if ((value & (KimageEntry.Indirection | KimageEntry.Source)) != 0)
            {
                _allocator.Free(value & PageMask);
            }
        }

        if (Type == KimageType.Default)
        {
            foreach (var (block, order) in _controlBlocks)
            {
                _allocator.Free(block, order);
            }
        }

        _destPages.Clear();
        _unusablePages.Clear();
        _entries.Clear();
        _entryIndexByAddress.Clear();
        _controlBlocks.Clear();
    }

    internal KimageLayout ToLayout()
    {
        var indirection = new List<ulong>();
        var pages = new List<KimagePage>();
        ulong destination = 0;
        foreach (var (_, value) in _entries)
        {
            if ((value & KimageEntry.Destination) != 0)
            {
                destination = value & PageMask;
            }
            else if ((value & KimageEntry.Indirection) != 0)
            {
                indirection.Add(value & PageMask);
            }
            else if ((value & KimageEntry.Source) != 0)
            {
                pages.Add(new KimagePage(destination, value & PageMask));
                destination += KernelConstants.PageSize;
            }
        }

        var control = new List<ulong>();
        for (ulong i = 0; i < 1UL << ControlOrder; i++)
        {
            control.Add(ControlCodePage + (i * KernelConstants.PageSize));
        }

        return new KimageLayout
        {
            Type = Type,
            Start = Start,
            Head = Head,
            WordSize = _limits.WordSize,
            PreserveContext = PreserveContext,
            Segments = Segments,
            IndirectionPages = indirection,
            Pages = pages,
            ControlPages = control,
            SwapPage = SwapPage,
            PreparePages = [.. _prepareBlocks],
            ParkedPages = [.. _destPages],
            UnusablePages = [.. _unusablePages],
            Exchanges = Exchanges,
        };
    }

    private int LoadNormalSegment(KexecSegment segment)
    {
        var maddr = segment.Mem & _limits.WordMask;
        var ubytes = segment.BufSize;
        var mbytes = segment.MemSize & _limits.WordMask;
        ulong bufOffset = 0;

        var result = AddEntry((maddr & PageMask) | KimageEntry.Destination);
        if (result != 0)
        {
            return result;
        }

        var zero = new byte[KernelConstants.PageSize];
        while (mbytes != 0)
        {
            if (Fails(KernelAllocation.Source) || AllocatePage(highmemAllowed: true, maddr) is not { } page)
            {
                return Errno.ENOMEM;
            }

            // A failure here leaks the page, as Linux does: it is in no list kimage_free walks.
            result = AddEntry((page & PageMask) | KimageEntry.Source);
            if (result != 0)
            {
                return result;
            }

            _memory.Write(page, zero);
            var offset = maddr & KernelConstants.PageOffsetMask;
            var mchunk = Math.Min(mbytes, KernelConstants.PageSize - offset);
            var uchunk = Math.Min(ubytes, mchunk);
            if (uchunk != 0)
            {
                var faulted = CopyFromUser(segment, bufOffset, uchunk, page + offset);
                ubytes -= uchunk;
                bufOffset += uchunk;
                if (faulted)
                {
                    return Errno.EFAULT;
                }
            }

            maddr = (maddr + mchunk) & _limits.WordMask;
            mbytes -= mchunk;
        }

        return 0;
    }

    private int LoadCrashSegment(KexecSegment segment)
    {
        var maddr = segment.Mem & _limits.WordMask;
        var ubytes = segment.BufSize;
        var mbytes = segment.MemSize & _limits.WordMask;
        ulong bufOffset = 0;
        while (mbytes != 0)
        {
            var offset = maddr & KernelConstants.PageOffsetMask;
            var mchunk = Math.Min(mbytes, KernelConstants.PageSize - offset);
            var uchunk = Math.Min(ubytes, mchunk);
            if (mchunk > uchunk)
            {
                _memory.Write(maddr + uchunk, new byte[mchunk - uchunk]);
            }

            if (uchunk != 0)
            {
                var faulted = CopyFromUser(segment, bufOffset, uchunk, maddr);
                ubytes -= uchunk;
                bufOffset += uchunk;
                if (faulted)
                {
                    return Errno.EFAULT;
                }
            }

            maddr = (maddr + mchunk) & _limits.WordMask;
            mbytes -= mchunk;
        }

        return 0;
    }

    /// <summary>copy_from_user of <paramref name="count"/> bytes: copies the readable prefix, returns true when it faulted.</summary>
    private bool CopyFromUser(KexecSegment segment, ulong bufOffset, ulong count, ulong destination)
    {
        var readableEnd = (ulong)segment.Buffer.LongLength;
        var readable = bufOffset >= readableEnd ? 0 : Math.Min(count, readableEnd - bufOffset);
        if (readable != 0)
        {
            _memory.Write(destination, segment.Buffer.AsSpan((int)bufOffset, (int)readable));
        }

        return readable < count;
    }

    /// <summary>kimage_add_entry: returns 0 or ENOMEM when a new indirection page cannot be had.</summary>
    private int AddEntry(ulong value)
    {
        if (ReadSlot(_entry) != 0)
        {
            _entry += (ulong)_limits.WordSize;
        }

        if (_entry == _lastEntry)
        {
            if (Fails(KernelAllocation.Indirection) || AllocatePage(highmemAllowed: false, ulong.MaxValue & _limits.WordMask) is not { } page)
            {
                return Errno.ENOMEM;
            }

            var link = page | KimageEntry.Indirection;
            WriteSlot(_entry, link);
            Record(_entry, link);
            _entry = page;
            _lastEntry = page + ((ulong)(_wordsPerPage - 1) * (ulong)_limits.WordSize);
        }

        WriteSlot(_entry, value);
        Record(_entry, value);
        _entry += (ulong)_limits.WordSize;
        WriteSlot(_entry, 0);
        return 0;
    }

    /// <summary>kimage_alloc_page (reference 3.3): a page for <paramref name="destination"/> that is no other page's destination.</summary>
    private ulong? AllocatePage(bool highmemAllowed, ulong destination)
    {
        var parked = _destPages.IndexOf(destination);
        if (parked >= 0)
        {
            _destPages.RemoveAt(parked);
            return destination;
        }

        while (true)
        {
            if (_allocator.Allocate(0, highmemAllowed ? ulong.MaxValue : _limits.HighmemStart) is not { } page)
            {
                return null;
            }

            if (page >> KernelConstants.PageShift > _limits.SourceLimit >> KernelConstants.PageShift)
            {
                _unusablePages.Add(page);
                continue;
            }

            if (page == destination || !IsDestinationRange(page, KernelConstants.PageSize))
            {
                return page;
            }

            if (FindSourceFor(page) is { } oldSlot)
            {
                var oldWord = ReadWord(oldSlot);
                var oldPage = oldWord & PageMask & _limits.WordMask;
                var content = new byte[KernelConstants.PageSize];
                _memory.Read(oldPage, content);
                _memory.Write(page, content);
                var rewritten = page | (oldWord & KernelConstants.PageOffsetMask);
                WriteWord(oldSlot, rewritten);
                _entries[_entryIndexByAddress[oldSlot]] = (oldSlot, rewritten);
                Exchanges++;
                if (!highmemAllowed && oldPage >= _limits.HighmemStart)
                {
                    _allocator.Free(oldPage);
                    continue;
                }

                return oldPage;
            }

            _destPages.Insert(0, page);
        }
    }

    /// <summary>kimage_dst_used: the address of the SOURCE word whose running destination is <paramref name="page"/>, walking guest memory.</summary>
    private ulong? FindSourceFor(ulong page)
    {
        ulong destination = 0;
        ulong? pointer = null;
        var entry = Head;
        var budget = _entries.Count + 1;
        while (entry != 0 && (entry & KimageEntry.Done) == 0 && budget-- > 0)
        {
            if ((entry & KimageEntry.Destination) != 0)
            {
                destination = entry & PageMask;
            }
            else if ((entry & KimageEntry.Source) != 0)
            {
                if (page == destination)
                {
                    return pointer;
                }

                destination = (destination + KernelConstants.PageSize) & _limits.WordMask;
            }

            pointer = (entry & KimageEntry.Indirection) != 0 ? entry & PageMask : pointer + (ulong)_limits.WordSize;
            entry = ReadWord(pointer!.Value);
        }

        return null;
    }

    /// <summary>
    /// kimage_is_destination_range for the block [<paramref name="start"/>, +<paramref name="size"/>). CUR and K614 use the
    /// inclusive-end form of Linux 6.8 (mend = mem + memsz - 1, so a zero-size segment at 0 covers every address);
    /// the older eras use the half-open form (mend = mem + memsz).
    /// </summary>
    internal bool IsDestinationRange(ulong start, ulong size)
    {
        var mask = _limits.WordMask;
        var inclusive = Eras.EraTable.Of(_config.Era).InclusiveDestinationEnd;
        var end = inclusive ? (start + size - 1) & mask : (start + size) & mask;
        foreach (var segment in Segments)
        {
            var mstart = segment.Mem & mask;
            if (inclusive)
            {
                var mend = (mstart + segment.MemSize - 1) & mask;
                if (end >= mstart && start <= mend)
                {
                    return true;
                }
            }
            else
            {
                var mend = (mstart + segment.MemSize) & mask;
                if (end > mstart && start < mend)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool Fails(KernelAllocation kind) => _failures?.ShouldFail(kind) == true;

    private ulong? AllocateControlPages(int order) =>
        Type == KimageType.Crash ? AllocateCrashControlPages(order) : AllocateNormalControlPages(order);

    /// <summary>kimage_alloc_normal_control_pages: reject blocks above the control limit or touching a destination.</summary>
    private ulong? AllocateNormalControlPages(int order)
    {
        var count = 1UL << order;
        var extra = new List<ulong>();
        ulong? found = null;
        while (_allocator.Allocate(order, _limits.HighmemStart) is { } block)
        {
            var epfn = (block >> KernelConstants.PageShift) + count;
            if (epfn >= _limits.ControlLimit >> KernelConstants.PageShift || IsDestinationRange(block, count * KernelConstants.PageSize))
            {
                extra.Add(block);
                continue;
            }

            found = block;
            _controlBlocks.Add((block, order));
            break;
        }

        foreach (var block in extra)
        {
            _allocator.Free(block, order);
        }

        return found;
    }

    /// <summary>kimage_alloc_crash_control_pages: first fit inside crashkernel, past every segment it overlaps.</summary>
    private ulong? AllocateCrashControlPages(int order)
    {
        var size = (1UL << order) * KernelConstants.PageSize;
        var holeStart = Align(_crashControlCursor, size);
        var holeEnd = holeStart + size - 1;
        while (holeEnd <= CrashEnd)
        {
            if (holeEnd > _limits.ControlLimit)
            {
                break;
            }

            var overlapped = false;
            foreach (var segment in Segments)
            {
                var mstart = segment.Mem;
                var mend = (mstart + segment.MemSize - 1) & _limits.WordMask;
                if (holeEnd >= mstart && holeStart <= mend)
                {
                    var next = Align(mend, size);

                    // Linux would spin here for ever (a zero-size segment at 0 wraps mend); the model gives up instead.
                    if (next <= holeStart)
                    {
                        return null;
                    }

                    holeStart = next;
                    holeEnd = holeStart + size - 1;
                    overlapped = true;
                    break;
                }
            }

            if (!overlapped)
            {
                _crashControlCursor = holeEnd + 1;
                return holeStart;
            }
        }

        return null;
    }

    private void Record(ulong? slot, ulong value)
    {
        if (slot is { } address)
        {
            _entryIndexByAddress[address] = _entries.Count;
        }

        _entries.Add((slot, value));
    }

    private ulong Align(ulong value, ulong size) => (value + size - 1) & ~(size - 1) & _limits.WordMask;

    private ulong ReadSlot(ulong? slot) => slot is { } address ? ReadWord(address) : Head;

    private void WriteSlot(ulong? slot, ulong value)
    {
        if (slot is { } address)
        {
            WriteWord(address, value);
        }
        else
        {
            Head = value;
        }
    }

    private ulong ReadWord(ulong address)
    {
        Span<byte> bytes = stackalloc byte[8];
        var word = bytes[.._limits.WordSize];
        _memory.Read(address, word);
        return _limits.WordSize == 8 ? BitConverter.ToUInt64(bytes) : BitConverter.ToUInt32(word);
    }

    private void WriteWord(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, value);
        _memory.Write(address, bytes[.._limits.WordSize]);
    }
}
