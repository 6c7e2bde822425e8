using KjTest.Runtime.Kernel.Paging;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// The transition mapping x86-64 machine_kexec_prepare adds to the identity table: one 4 KiB page mapping the relocate
/// code's kernel virtual address to the control page, so the code keeps running across the CR3 switch.
/// </summary>
public static class TransitionMap
{
    private const ulong PageKernelExec = X86_64PageFlags.Present | X86_64PageFlags.Rw | X86_64PageFlags.Accessed | X86_64PageFlags.Dirty;

    /// <summary>Maps <paramref name="virtualAddress"/> to <paramref name="physical"/> under <paramref name="root"/>; false when a table page cannot be had.</summary>
    public static bool Map(PhysicalMemory memory, ulong root, ulong virtualAddress, ulong physical, Func<ulong?> allocateTable)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(allocateTable);
        var table = root;
        for (var shift = 39; shift > 12; shift -= 9)
        {
            var entryAddress = table + (((virtualAddress >> shift) & 511) * 8);
            var entry = memory.ReadUInt64(entryAddress);
            if ((entry & X86_64PageFlags.Present) == 0)
            {
                if (allocateTable() is not { } page)
                {
                    return false;
                }

                memory.Write(page, new byte[KernelConstants.PageSize]);
                entry = page | X86_64PageFlags.KernelTable;
                memory.WriteUInt64(entryAddress, entry);
            }
            else if ((entry & X86_64PageFlags.Pse) != 0)
            {
                // Already covered by a large identity page (the VA is inside the identity range).
                return true;
            }

            table = entry & X86_64PageFlags.AddressMask;
        }

        memory.WriteUInt64(table + (((virtualAddress >> 12) & 511) * 8), physical | PageKernelExec);
        return true;
    }
}
