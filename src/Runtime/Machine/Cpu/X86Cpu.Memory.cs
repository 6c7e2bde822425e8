using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    internal const int AccessRead = 0;
    internal const int AccessWrite = 1;
    internal const int AccessExecute = 2;
    private const int TlbBits = 12;
    private const int TlbMask = (1 << TlbBits) - 1;
    private const ulong NoTag = ulong.MaxValue;
    private readonly TlbEntry[] _tlbSupervisor = NewTlb();

    // Allocated on the first user-mode access: programs that never leave CPL 0 do not pay for it.
    private TlbEntry[] _tlbUser = [];
    private TlbEntry[] _tlb;
    private ulong _lastLeafMask = 0xFFF;
    private bool _lastLeafWritePermitted = true;
    private const int LeafRunCount = 4;

    // A few leaves per access kind: a page swap reads and writes three pages (source, swap page, destination) in turn.
    private readonly LeafRun[] _readRuns = new LeafRun[LeafRunCount];
    private readonly LeafRun[] _writeRuns = new LeafRun[LeafRunCount];
    private int _nextReadRun;
    private int _nextWriteRun;

    private static TlbEntry[] NewTlb()
    {
        var t = new TlbEntry[1 << TlbBits];
        for (var i = 0; i < t.Length; i++)
        {
            t[i].ReadTag = t[i].WriteTag = NoTag;
        }

        return t;
    }

    private TlbEntry[] UserTlb => _tlbUser.Length != 0 ? _tlbUser : _tlbUser = NewTlb();

    private ulong PhysAddressMask => (1UL << Model.PhysicalAddressBits) - 1;

    /// <summary>Drops cached translations (all, or all but global ones) and the decoded-instruction cache.</summary>
    internal void FlushTlb(bool includeGlobal)
    {
        ForgetLeafRuns();
        FlushTlbArray(_tlbSupervisor, includeGlobal);
        FlushTlbArray(_tlbUser, includeGlobal);
        FlushDecodeCache();
    }

    private static void FlushTlbArray(TlbEntry[] tlb, bool includeGlobal)
    {
        for (var i = 0; i < tlb.Length; i++)
        {
            ref var e = ref tlb[i];
            if (includeGlobal || !e.Global)
            {
                e.ReadTag = e.WriteTag = NoTag;
                e.Page = null;
                e.Global = false;
            }
        }
    }

    internal void InvalidatePage(ulong linear)
    {
        ForgetLeafRuns();
        var vpn = linear >> 12;
        foreach (var tlb in (ReadOnlySpan<TlbEntry[]>)[_tlbSupervisor, _tlbUser])
        {
            if (tlb.Length == 0)
            {
                continue;
            }

            ref var e = ref tlb[(int)(vpn & TlbMask)];
            if (e.ReadTag == vpn || e.WriteTag == vpn)
            {
                e.ReadTag = e.WriteTag = NoTag;
                e.Page = null;
                e.Global = false;
            }
        }

        FlushDecodeCache();
    }

    private void OnMemoryMappingChanged()
    {
        ForgetLeafRuns();
        FlushTlbArray(_tlbSupervisor, true);
        FlushTlbArray(_tlbUser, true);
        Mem.ClearWatches();
        FlushDecodeCache();
    }

    private void DropWriteMappings(byte[] page)
    {
        foreach (var tlb in (ReadOnlySpan<TlbEntry[]>)[_tlbSupervisor, _tlbUser])
        {
            for (var i = 0; i < tlb.Length; i++)
            {
                if (ReferenceEquals(tlb[i].Page, page))
                {
                    tlb[i].WriteTag = NoTag;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte PageRef(byte[] page, ulong linear) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), (nint)(linear & PhysicalMemory.PageMask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte Read8(ulong lin)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        return e.ReadTag == lin >> 12 ? PageRef(e.Page!, lin) : (byte)ReadSlow(lin, 1, CplValue == 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ushort Read16(ulong lin)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        return e.ReadTag == lin >> 12 && (lin & 0xFFF) <= 0xFFE
            ? Unsafe.ReadUnaligned<ushort>(ref PageRef(e.Page!, lin)) : (ushort)ReadSlow(lin, 2, CplValue == 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Read32(ulong lin)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        return e.ReadTag == lin >> 12 && (lin & 0xFFF) <= 0xFFC
            ? Unsafe.ReadUnaligned<uint>(ref PageRef(e.Page!, lin)) : (uint)ReadSlow(lin, 4, CplValue == 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Read64(ulong lin)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        return e.ReadTag == lin >> 12 && (lin & 0xFFF) <= 0xFF8
            ? Unsafe.ReadUnaligned<ulong>(ref PageRef(e.Page!, lin)) : ReadSlow(lin, 8, CplValue == 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong ReadSized(ulong lin, int size) => size switch
    {
        1 => Read8(lin),
        2 => Read16(lin),
        4 => Read32(lin),
        _ => Read64(lin),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write8(ulong lin, byte value)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.WriteTag == lin >> 12)
        {
            PageRef(e.Page!, lin) = value;
        }
        else
        {
            WriteSlow(lin, 1, value, CplValue == 3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write16(ulong lin, ushort value)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.WriteTag == lin >> 12 && (lin & 0xFFF) <= 0xFFE)
        {
            Unsafe.WriteUnaligned(ref PageRef(e.Page!, lin), value);
        }
        else
        {
            WriteSlow(lin, 2, value, CplValue == 3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write32(ulong lin, uint value)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.WriteTag == lin >> 12 && (lin & 0xFFF) <= 0xFFC)
        {
            Unsafe.WriteUnaligned(ref PageRef(e.Page!, lin), value);
        }
        else
        {
            WriteSlow(lin, 4, value, CplValue == 3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Write64(ulong lin, ulong value)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.WriteTag == lin >> 12 && (lin & 0xFFF) <= 0xFF8)
        {
            Unsafe.WriteUnaligned(ref PageRef(e.Page!, lin), value);
        }
        else
        {
            WriteSlow(lin, 8, value, CplValue == 3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteSized(ulong lin, int size, ulong value)
    {
        switch (size)
        {
            case 1: Write8(lin, (byte)value); break;
            case 2: Write16(lin, (ushort)value); break;
            case 4: Write32(lin, (uint)value); break;
            default: Write64(lin, value); break;
        }
    }

    internal UInt128 Read128(ulong lin) => Read64(lin) | ((UInt128)Read64(lin + 8) << 64);

    internal void Write128(ulong lin, UInt128 value)
    {
        ProbeWrite(lin, 16);
        Write64(lin, (ulong)value);
        Write64(lin + 8, (ulong)(value >> 64));
    }

    /// <summary>Checks that every byte of a range is writable (so a multi-part store faults before changing anything).</summary>
    internal void ProbeWrite(ulong lin, int length)
    {
        if ((lin & 0xFFF) + (ulong)length > 0x1000)
        {
            Translate(lin + (ulong)length - 1, AccessWrite, CplValue == 3, out _, out _);
        }

        Translate(lin, AccessWrite, CplValue == 3, out _, out _);
    }

    internal void ReadBlock(ulong lin, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Read8(lin + (ulong)i);
        }
    }

    internal void WriteBlock(ulong lin, ReadOnlySpan<byte> source)
    {
        ProbeWrite(lin, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            Write8(lin + (ulong)i, source[i]);
        }
    }

    /// <summary>Supervisor-privilege read for implicit accesses (descriptor tables, TSS, IDT).</summary>
    internal ulong ReadSystem(ulong lin, int size)
    {
        if (CplValue != 3)
        {
            return ReadSized(lin, size);
        }

        ulong v = 0;
        for (var i = 0; i < size; i++)
        {
            v |= ReadSlow(lin + (ulong)i, 1, false) << (8 * i);
        }

        return v;
    }

    /// <summary>Supervisor-privilege write for implicit accesses.</summary>
    internal void WriteSystem(ulong lin, int size, ulong value)
    {
        if (CplValue != 3)
        {
            WriteSized(lin, size, value);
            return;
        }

        for (var i = 0; i < size; i++)
        {
            WriteSlow(lin + (ulong)i, 1, (byte)(value >> (8 * i)), false);
        }
    }

    private ulong ReadSlow(ulong lin, int size, bool user)
    {
        if ((lin & 0xFFF) + (ulong)size > 0x1000)
        {
            ulong v = 0;
            for (var i = 0; i < size; i++)
            {
                v |= ReadSlow(lin + (ulong)i, 1, user) << (8 * i);
            }

            return v;
        }

        var pa = Translate(lin, AccessRead, user, out var writable, out var global);
        var pfn = pa >> 12;
        if (Mem.IsRam(pfn) && !Bus.IsMmio(pa & ~0xFFFUL, 0x1000))
        {
            var page = Mem.PageForRead(pfn);
            if (page is null)
            {
                return 0;
            }

            ref var e = ref (user ? UserTlb : _tlbSupervisor)[(int)((lin >> 12) & TlbMask)];
            e.ReadTag = lin >> 12;
            e.WriteTag = writable && Mem.IsPrivateAndUnwatched(pfn) ? lin >> 12 : NoTag;
            e.Page = page;
            e.Global = global;
            e.ReadOnly = !_lastLeafWritePermitted;
            ref var b = ref PageRef(page, lin);
            return size switch
            {
                1 => b,
                2 => Unsafe.ReadUnaligned<ushort>(ref b),
                4 => Unsafe.ReadUnaligned<uint>(ref b),
                _ => Unsafe.ReadUnaligned<ulong>(ref b),
            };
        }

        return ReadPhysical(pa, size);
    }

    private void WriteSlow(ulong lin, int size, ulong value, bool user)
    {
        if ((lin & 0xFFF) + (ulong)size > 0x1000)
        {
            Translate(lin + (ulong)size - 1, AccessWrite, user, out _, out _);
            for (var i = 0; i < size; i++)
            {
                WriteSlow(lin + (ulong)i, 1, (byte)(value >> (8 * i)), user);
            }

            return;
        }

        var pa = Translate(lin, AccessWrite, user, out var writable, out var global);
        var pfn = pa >> 12;
        if (Mem.IsRam(pfn) && !Bus.IsMmio(pa & ~0xFFFUL, 0x1000))
        {
            var page = Mem.PageForWrite(pfn);
            ref var e = ref (user ? UserTlb : _tlbSupervisor)[(int)((lin >> 12) & TlbMask)];
            e.ReadTag = lin >> 12;
            e.WriteTag = writable && Mem.IsPrivateAndUnwatched(pfn) ? lin >> 12 : NoTag;
            e.Page = page;
            e.Global = global;
            e.ReadOnly = false;
            ref var b = ref PageRef(page, lin);
            switch (size)
            {
                case 1: b = (byte)value; break;
                case 2: Unsafe.WriteUnaligned(ref b, (ushort)value); break;
                case 4: Unsafe.WriteUnaligned(ref b, (uint)value); break;
                default: Unsafe.WriteUnaligned(ref b, value); break;
            }

            return;
        }

        WritePhysical(pa, size, value);
    }

    /// <summary>A physical read as the CPU performs it: MMIO devices first, then RAM, else all ones.</summary>
    internal ulong ReadPhysical(ulong pa, int size)
    {
        if (Bus.TryRead(pa, size, out var v))
        {
            return v;
        }

        Span<byte> b = stackalloc byte[8];
        Mem.Read(pa, b[..size]);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    /// <summary>A physical write as the CPU performs it: MMIO devices first, then RAM; above RAM it is dropped.</summary>
    internal void WritePhysical(ulong pa, int size, ulong value)
    {
        if (Bus.TryWrite(pa, size, value))
        {
            return;
        }

        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Mem.Write(pa, b[..size]);
    }

    /// <summary>
    /// Translates a linear address for an access, walking the page tables when paging is on and
    /// setting accessed/dirty bits; throws #PF (or #GP for a non-canonical address).
    /// </summary>
    internal ulong Translate(ulong lin, int access, bool user, out bool writable, out bool global)
    {
        writable = true;
        global = false;
        _lastLeafWritePermitted = true;
        if ((Cr0Value & Cr.Cr0Pg) == 0)
        {
            _lastLeafMask = 0xFFFF_FFFF;
            return lin & 0xFFFF_FFFF;
        }

        if (access == AccessWrite)
        {
            FaultOnCachedReadOnlyEntry(lin, user);
        }

        if ((EferValue & Cr.EferLma) != 0)
        {
            if ((ulong)((long)(lin << 16) >> 16) != lin)
            {
                throw CpuFault.Gp();
            }

            return Walk(lin, access, user, Cr3Value & PhysAddressMask & ~0xFFFUL, 4, 8, out writable, out global);
        }

        if ((Cr4Value & Cr.Cr4Pae) != 0)
        {
            var pdpte = Mem.ReadUInt64((Cr3Value & 0xFFFF_FFE0) + (((lin >> 30) & 3) * 8));
            if ((pdpte & 1) == 0)
            {
                throw PageFault(lin, access, user, false, false);
            }

            return Walk(lin & 0x3FFF_FFFF, access, user, pdpte & PhysAddressMask & ~0xFFFUL, 2, 8, out writable, out global, lin);
        }

        return Walk(lin, access, user, Cr3Value & 0xFFFF_F000, 2, 4, out writable, out global);
    }

    private ulong Walk(ulong lin, int access, bool user, ulong table, int levels, int entrySize, out bool writable, out bool global, ulong? faultAddress = null)
    {
        var indexBits = entrySize == 8 ? 9 : 10;
        var nxe = (EferValue & Cr.EferNxe) != 0 && entrySize == 8;
        bool rw = true, us = true, nx = false;
        Span<ulong> entryAddresses = stackalloc ulong[4];
        Span<ulong> entries = stackalloc ulong[4];
        var reportedAddress = faultAddress ?? lin;
        for (var level = levels - 1; level >= 0; level--)
        {
            var shift = 12 + (indexBits * level);
            var entryAddress = table + (((lin >> shift) & ((1UL << indexBits) - 1)) * (ulong)entrySize);
            var entry = entrySize == 8 ? Mem.ReadUInt64(entryAddress) : Mem.ReadUInt32(entryAddress);
            if ((entry & 1) == 0)
            {
                throw PageFault(reportedAddress, access, user, false, false);
            }

            if (entrySize == 8 && (entry & (1UL << 63)) != 0 && !nxe)
            {
                throw PageFault(reportedAddress, access, user, true, true);
            }

            rw &= (entry & 2) != 0;
            us &= (entry & 4) != 0;
            nx |= (entry >> 63) != 0 && nxe;
            entryAddresses[level] = entryAddress;
            entries[level] = entry;
            var large = (entry & 0x80) != 0 && level > 0 && (level < 3) && (entrySize == 8 || (Cr4Value & Cr.Cr4Pse) != 0);
            if (level == 0 || large)
            {
                var offsetMask = (1UL << shift) - 1;
                ulong frame;
                if (entrySize == 4 && large)
                {
                    frame = (entry & 0xFFC0_0000) | (((entry >> 13) & 0xFF) << 32);
                }
                else
                {
                    frame = entry & PhysAddressMask & ~offsetMask;
                }

                CheckAccess(reportedAddress, access, user, rw, us, nx);
                for (var l = levels - 1; l > level; l--)
                {
                    if ((entries[l] & 0x20) == 0)
                    {
                        SetEntryBits(entryAddresses[l], entrySize, 0x20);
                    }
                }

                var leafBits = access == AccessWrite ? 0x60UL : 0x20UL;
                if ((entry & leafBits) != leafBits)
                {
                    SetEntryBits(entryAddress, entrySize, leafBits);
                }
                var dirty = access == AccessWrite || (entry & 0x40) != 0;
                _lastLeafWritePermitted = user ? rw : rw || (Cr0Value & Cr.Cr0Wp) == 0;
                writable = dirty && _lastLeafWritePermitted;
                global = (entry & 0x100) != 0 && (Cr4Value & Cr.Cr4Pge) != 0;
                _lastLeafMask = offsetMask;
                return frame | (lin & offsetMask);
            }

            table = entry & PhysAddressMask & ~0xFFFUL;
            if (entrySize == 4)
            {
                table &= 0xFFFF_F000;
            }
        }

        throw new InvalidOperationException("page walk ended without a leaf");
    }

    /// <summary>
    /// A write through a cached translation that the page tables called read-only faults without a new walk, as the
    /// hardware may (Intel SDM 4.10.4.3: a R/W change from 0 to 1 without invalidation can give a spurious #PF); the
    /// fault drops the entry (SDM 4.10.4.1). This is what makes a missed TLB flush visible, e.g. a global entry kept
    /// across a CR3 load (bug B5).
    /// </summary>
    private void FaultOnCachedReadOnlyEntry(ulong lin, bool user)
    {
        var tlb = user ? _tlbUser : _tlbSupervisor;
        if (tlb.Length == 0)
        {
            return;
        }

        ref var e = ref tlb[(int)((lin >> 12) & TlbMask)];
        if (e.ReadTag == lin >> 12 && e.ReadOnly)
        {
            e.ReadTag = e.WriteTag = NoTag;
            e.Page = null;
            e.Global = false;
            e.ReadOnly = false;
            throw PageFault(lin, AccessWrite, user, true, false);
        }
    }

    private void SetEntryBits(ulong entryAddress, int entrySize, ulong bits)
    {
        var entry = entrySize == 8 ? Mem.ReadUInt64(entryAddress) : Mem.ReadUInt32(entryAddress);
        if ((entry & bits) != bits)
        {
            if (entrySize == 8)
            {
                Mem.WriteUInt64(entryAddress, entry | bits);
            }
            else
            {
                Mem.WriteUInt32(entryAddress, (uint)(entry | bits));
            }
        }
    }

    private void CheckAccess(ulong lin, int access, bool user, bool rw, bool us, bool nx)
    {
        var denied = (user && !us)
            || (access == AccessWrite && !rw && (user || (Cr0Value & Cr.Cr0Wp) != 0))
            || (access == AccessExecute && nx);
        if (denied)
        {
            throw PageFault(lin, access, user, true, false);
        }
    }

    private CpuFault PageFault(ulong lin, int access, bool user, bool present, bool reserved)
    {
        Cr2 = lin;
        var error = (present ? 1u : 0) | (access == AccessWrite ? 2u : 0) | (user ? 4u : 0) | (reserved ? 8u : 0)
            | (access == AccessExecute && (EferValue & Cr.EferNxe) != 0 ? 16u : 0);
        return new CpuFault(CpuFault.PF, error, $"cr2=0x{lin:x}");
    }

    /// <summary>Forgets the leaf mappings remembered by <see cref="TryGetReadSpan"/> and <see cref="TryGetWriteSpan"/>; part of every TLB flush.</summary>
    private void ForgetLeafRuns()
    {
        Array.Clear(_readRuns);
        Array.Clear(_writeRuns);
    }

    /// <summary>
    /// A span over guest bytes in one page for reading; false for MMIO. A TLB miss inside a leaf (a 2 MiB or 1 GiB page)
    /// already walked since the last TLB flush reuses that walk: its permissions and accessed bit cover every page in it.
    /// </summary>
    internal bool TryGetReadSpan(ulong lin, int length, out Span<byte> span)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.ReadTag == lin >> 12)
        {
            span = e.Page.AsSpan((int)(lin & 0xFFF), length);
            return true;
        }

        var pa = TranslateRun(_readRuns, ref _nextReadRun, lin, AccessRead, out var writable, out var global, out var writePermitted);
        var pfn = pa >> 12;
        if (!Mem.IsRam(pfn) || Bus.IsMmio(pa & ~0xFFFUL, 0x1000))
        {
            span = default;
            return false;
        }

        if (Mem.PageForRead(pfn) is not { } page)
        {
            span = PhysicalMemory.ZeroPage.AsSpan((int)(lin & 0xFFF), length);
            return true;
        }

        e.ReadTag = lin >> 12;
        e.WriteTag = writable && Mem.IsPrivateAndUnwatched(pfn) ? lin >> 12 : NoTag;
        e.Page = page;
        e.Global = global;
        e.ReadOnly = !writePermitted;

        span = page.AsSpan((int)(lin & 0xFFF), length);
        return true;
    }

    /// <summary>A span over guest bytes in one page for writing; false when writes must take the slow path. Leaf reuse as for reads.</summary>
    internal bool TryGetWriteSpan(ulong lin, int length, out Span<byte> span)
    {
        ref var e = ref _tlb[(int)((lin >> 12) & TlbMask)];
        if (e.WriteTag == lin >> 12)
        {
            span = e.Page.AsSpan((int)(lin & 0xFFF), length);
            return true;
        }

        var pa = TranslateRun(_writeRuns, ref _nextWriteRun, lin, AccessWrite, out var writable, out var global, out _);
        var pfn = pa >> 12;
        if (!Mem.IsRam(pfn) || Bus.IsMmio(pa & ~0xFFFUL, 0x1000))
        {
            span = default;
            return false;
        }

        var page = Mem.PageForWrite(pfn);
        e.ReadTag = lin >> 12;
        e.WriteTag = writable && Mem.IsPrivateAndUnwatched(pfn) ? lin >> 12 : NoTag;
        e.Page = page;
        e.Global = global;
        e.ReadOnly = false;

        span = page.AsSpan((int)(lin & 0xFFF), length);
        return true;
    }

    private ulong TranslateRun(LeafRun[] runs, ref int next, ulong lin, int access, out bool writable, out bool global, out bool writePermitted)
    {
        var user = CplValue == 3;
        foreach (ref readonly var run in runs.AsSpan())
        {
            if (run.Mask != 0 && (lin & ~run.Mask) == run.Linear && run.User == user)
            {
                writable = run.Writable;
                writePermitted = run.WritePermitted;
                global = run.Global;
                return run.Physical | (lin & run.Mask);
            }
        }

        var pa = Translate(lin, access, user, out writable, out global);
        writePermitted = _lastLeafWritePermitted;
        runs[next] = new LeafRun(lin & ~_lastLeafMask, pa & ~_lastLeafMask, _lastLeafMask, user, writable, writePermitted, global);
        next = (next + 1) % runs.Length;
        return pa;
    }

    /// <summary>Reads guest memory through the current segmentation-free linear mapping, with the current privilege; false when it would fault.</summary>
    public bool TryReadLinear(ulong linear, Span<byte> destination)
    {
        var cr2 = Cr2;
        try
        {
            ReadBlock(linear, destination);
            return true;
        }
        catch (CpuFault)
        {
            Cr2 = cr2;
            return false;
        }
    }

    /// <summary>Writes guest memory through the current linear mapping, with the current privilege; false when it would fault.</summary>
    public bool TryWriteLinear(ulong linear, ReadOnlySpan<byte> source)
    {
        var cr2 = Cr2;
        try
        {
            WriteBlock(linear, source);
            return true;
        }
        catch (CpuFault)
        {
            Cr2 = cr2;
            return false;
        }
    }
}
