namespace KjTest.Runtime.Kernel.Paging;

/// <summary>x86-64 page-table entry bits used by the kexec identity map (arch/x86/include/asm/pgtable_types.h).</summary>
public static class X86_64PageFlags
{
    /// <summary>_PAGE_PRESENT.</summary>
    public const ulong Present = 0x1;

    /// <summary>_PAGE_RW.</summary>
    public const ulong Rw = 0x2;

    /// <summary>_PAGE_ACCESSED.</summary>
    public const ulong Accessed = 0x20;

    /// <summary>_PAGE_DIRTY.</summary>
    public const ulong Dirty = 0x40;

    /// <summary>_PAGE_PSE: a 2 MiB or 1 GiB leaf.</summary>
    public const ulong Pse = 0x80;

    /// <summary>_PAGE_GLOBAL.</summary>
    public const ulong Global = 0x100;

    /// <summary>_KERNPG_TABLE_NOENC: the flags of an entry pointing at a lower table.</summary>
    public const ulong KernelTable = Present | Rw | Accessed | Dirty;

    /// <summary>__PAGE_KERNEL_LARGE_EXEC: the flags of an identity-map leaf.</summary>
    public const ulong KernelLargeExec = Present | Rw | Accessed | Dirty | Pse | Global;

    /// <summary>The physical-address bits of an entry (bits 12 to 51).</summary>
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
}
