namespace KjTest.Runtime.Kernel;

/// <summary>
/// The x86 kexec limits of arch/x86/include/asm/kexec.h (reference 3.3) and the width of <c>unsigned long</c>.
/// x86-64 uses MAXMEM - 1 for all three limits; the model takes MAXMEM of 4-level paging, 2^46 (64 TiB).
/// i386 uses -1UL (32-bit) for source and destination, and TASK_SIZE (0xC0000000, the 3G/1G split) for control pages.
/// </summary>
/// <param name="WordMask">All ones in an <c>unsigned long</c>.</param>
/// <param name="SourceLimit">KEXEC_SOURCE_MEMORY_LIMIT.</param>
/// <param name="DestinationLimit">KEXEC_DESTINATION_MEMORY_LIMIT.</param>
/// <param name="ControlLimit">KEXEC_CONTROL_MEMORY_LIMIT (also the crash control limit).</param>
/// <param name="HighmemStart">First address of ZONE_HIGHMEM, which GFP_KERNEL allocations avoid (i386: 896 MiB; x86-64: none).</param>
public sealed record KexecArchLimits(ulong WordMask, ulong SourceLimit, ulong DestinationLimit, ulong ControlLimit, ulong HighmemStart)
{
    /// <summary>MAXMEM of x86-64 with 4-level paging: 2^46 bytes.</summary>
    public const ulong X86_64MaxMem = 1UL << 46;

    /// <summary>The limits of <paramref name="arch"/>.</summary>
    public static KexecArchLimits For(KernelArch arch) => arch == KernelArch.I386
        ? new KexecArchLimits(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xC000_0000, 0x3800_0000)
        : new KexecArchLimits(ulong.MaxValue, X86_64MaxMem - 1, X86_64MaxMem - 1, X86_64MaxMem - 1, ulong.MaxValue);

    /// <summary>Bytes in one kimage entry word (sizeof(unsigned long)).</summary>
    public int WordSize => WordMask == ulong.MaxValue ? 8 : 4;
}
