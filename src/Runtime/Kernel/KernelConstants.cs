namespace KjTest.Runtime.Kernel;

/// <summary>Page geometry shared by both x86 architectures.</summary>
public static class KernelConstants
{
    /// <summary>PAGE_SIZE.</summary>
    public const ulong PageSize = 4096;

    /// <summary>PAGE_SHIFT.</summary>
    public const int PageShift = 12;

    /// <summary>~PAGE_MASK: the offset bits of an address.</summary>
    public const ulong PageOffsetMask = PageSize - 1;

    /// <summary>KEXEC_SEGMENT_MAX (reference 2.2).</summary>
    public const ulong SegmentMax = 16;
}
