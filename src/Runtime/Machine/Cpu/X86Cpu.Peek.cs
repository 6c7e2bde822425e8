namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    /// <summary>
    /// The physical address the current page tables give <paramref name="linear"/>, found without touching the guest:
    /// no accessed bits set, no TLB fill, no CR2. Null when it is not mapped. For tracers; a stale TLB entry may differ.
    /// </summary>
    public ulong? PeekPhysical(ulong linear)
    {
        if ((Cr0Value & Cr.Cr0Pg) == 0)
        {
            return linear & 0xFFFF_FFFF;
        }

        if ((EferValue & Cr.EferLma) != 0)
        {
            return (ulong)((long)(linear << 16) >> 16) != linear ? null : PeekWalk(linear, Cr3Value & PhysAddressMask & ~0xFFFUL, 4, 8);
        }

        if ((Cr4Value & Cr.Cr4Pae) != 0)
        {
            var pdpte = Mem.ReadUInt64((Cr3Value & 0xFFFF_FFE0) + (((linear >> 30) & 3) * 8));
            return (pdpte & 1) == 0 ? null : PeekWalk(linear & 0x3FFF_FFFF, pdpte & PhysAddressMask & ~0xFFFUL, 2, 8);
        }

        return PeekWalk(linear & 0xFFFF_FFFF, Cr3Value & 0xFFFF_F000, 2, 4);
    }

    private ulong? PeekWalk(ulong lin, ulong table, int levels, int entrySize)
    {
        var indexBits = entrySize == 8 ? 9 : 10;
        for (var level = levels - 1; level >= 0; level--)
        {
            var shift = 12 + (indexBits * level);
            var entryAddress = table + (((lin >> shift) & ((1UL << indexBits) - 1)) * (ulong)entrySize);
            if (entryAddress >= Mem.Size)
            {
                return null;
            }

            var entry = entrySize == 8 ? Mem.ReadUInt64(entryAddress) : Mem.ReadUInt32(entryAddress);
            if ((entry & 1) == 0)
            {
                return null;
            }

            var large = (entry & 0x80) != 0 && level > 0 && level < 3 && (entrySize == 8 || (Cr4Value & Cr.Cr4Pse) != 0);
            if (level == 0 || large)
            {
                var offsetMask = (1UL << shift) - 1;
                var frame = entrySize == 4 && large
                    ? (entry & 0xFFC0_0000) | (((entry >> 13) & 0xFF) << 32)
                    : entry & PhysAddressMask & ~offsetMask;
                return frame | (lin & offsetMask);
            }

            table = entry & PhysAddressMask & ~0xFFFUL;
            if (entrySize == 4)
            {
                table &= 0xFFFF_F000;
            }
        }

        return null;
    }
}
