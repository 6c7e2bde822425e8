using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Paging;

/// <summary>A 4-level x86-64 page walk over guest memory (no permission checks), for inspecting identity maps.</summary>
public static class X86_64PageWalk
{
    /// <summary>The physical address <paramref name="virtualAddress"/> maps to under <paramref name="cr3"/>, or null when unmapped.</summary>
    public static ulong? Translate(IPhysicalMemory memory, ulong cr3, ulong virtualAddress)
    {
        var table = cr3 & X86_64PageFlags.AddressMask;
        for (var level = 3; level >= 0; level--)
        {
            var shift = 12 + (9 * level);
            var entry = Read(memory, table + (((virtualAddress >> shift) & 511) * 8));
            if ((entry & X86_64PageFlags.Present) == 0)
            {
                return null;
            }

            var isLeaf = level == 0 || (level is 1 or 2 && (entry & X86_64PageFlags.Pse) != 0);
            if (isLeaf)
            {
                var size = 1UL << shift;
                return (entry & X86_64PageFlags.AddressMask & ~(size - 1)) | (virtualAddress & (size - 1));
            }

            table = entry & X86_64PageFlags.AddressMask;
        }

        return null;
    }

    private static ulong Read(IPhysicalMemory memory, ulong address)
    {
        Span<byte> bytes = stackalloc byte[8];
        memory.Read(address, bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
