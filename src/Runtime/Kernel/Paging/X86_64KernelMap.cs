using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Paging;

/// <summary>
/// Changes to a running kernel's own x86-64 page tables in guest RAM, as arch/x86/mm/pat/set_memory.c makes them:
/// large pages split down to the 4 KiB page being changed, keeping the attributes of the rest.
/// </summary>
public static class X86_64KernelMap
{
    /// <summary>_PAGE_NX.</summary>
    public const ulong NoExecute = 1UL << 63;

    /// <summary>
    /// <c>set_memory_rox(addr, 1)</c> on a kernel map whose entries carry _PAGE_GLOBAL (no page table isolation): the
    /// page at <paramref name="virtualAddress"/> becomes present, read-only, executable and global. Large pages on
    /// the way are split into tables from <paramref name="allocateTable"/>, and a table that another entry of the
    /// same parent also points at (an alias such as a low identity map sharing the direct map's PDPT) is copied first,
    /// so only the one mapping changes. False when the address is not mapped or no table page can be had.
    /// The caller flushes the TLB, as set_memory does.
    /// </summary>
    public static bool SetReadOnlyExec(PhysicalMemory memory, ulong root, ulong virtualAddress, Func<ulong?> allocateTable)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(allocateTable);
        var table = root & X86_64PageFlags.AddressMask;
        for (var shift = 39; shift > 12; shift -= 9)
        {
            var index = (virtualAddress >> shift) & 511;
            var entryAddress = table + (index * 8);
            var entry = memory.ReadUInt64(entryAddress);
            if ((entry & X86_64PageFlags.Present) == 0)
            {
                return false;
            }

            ulong child;
            if (shift < 39 && (entry & X86_64PageFlags.Pse) != 0)
            {
                if (allocateTable() is not { } page)
                {
                    return false;
                }

                Split(memory, page, entry, shift);
                child = page;
                memory.WriteUInt64(entryAddress, child | X86_64PageFlags.KernelTable);
            }
            else
            {
                child = entry & X86_64PageFlags.AddressMask;
                if (IsShared(memory, table, index, child))
                {
                    if (allocateTable() is not { } copy)
                    {
                        return false;
                    }

                    var bytes = new byte[KernelConstants.PageSize];
                    memory.Read(child, bytes);
                    memory.Write(copy, bytes);
                    child = copy;
                    memory.WriteUInt64(entryAddress, child | (entry & ~X86_64PageFlags.AddressMask));
                }
            }

            table = child;
        }

        var leafAddress = table + (((virtualAddress >> 12) & 511) * 8);
        var leaf = memory.ReadUInt64(leafAddress);
        memory.WriteUInt64(leafAddress, (leaf & ~X86_64PageFlags.Rw & ~NoExecute) | X86_64PageFlags.Global);
        return true;
    }

    private static void Split(PhysicalMemory memory, ulong page, ulong entry, int shift)
    {
        var size = 1UL << shift;
        var childSize = size >> 9;
        var frame = entry & X86_64PageFlags.AddressMask & ~(size - 1);

        // A 4 KiB entry's bit 7 is PAT, not PS.
        var flags = entry & ~X86_64PageFlags.AddressMask;
        if (childSize == KernelConstants.PageSize)
        {
            flags &= ~X86_64PageFlags.Pse;
        }

        var entries = new byte[KernelConstants.PageSize];
        for (var i = 0; i < 512; i++)
        {
            BitConverter.TryWriteBytes(entries.AsSpan(i * 8), (frame + ((ulong)i * childSize)) | flags);
        }

        memory.Write(page, entries);
    }

    private static bool IsShared(PhysicalMemory memory, ulong table, ulong index, ulong child)
    {
        for (ulong i = 0; i < 512; i++)
        {
            var other = memory.ReadUInt64(table + (i * 8));
            if (i != index && (other & X86_64PageFlags.Present) != 0 && (other & X86_64PageFlags.AddressMask) == child)
            {
                return true;
            }
        }

        return false;
    }
}
