namespace KjTest.Runtime.Kernel;

/// <summary>The allocations kexec_load makes (reference 2.3), as named by the <c>alloc_failure</c> fault.</summary>
public enum KernelAllocation
{
    /// <summary>The <c>struct kimage</c> itself (row 11).</summary>
    Kimage,

    /// <summary>The control code page(s) (row 20).</summary>
    Control,

    /// <summary>The swap page of a normal image (row 21).</summary>
    Swap,

    /// <summary>A new indirection page of the entry list (row 25).</summary>
    Indirection,

    /// <summary>A source page holding segment data (row 25).</summary>
    Source,
}
