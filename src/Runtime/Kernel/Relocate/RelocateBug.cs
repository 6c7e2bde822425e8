namespace KjTest.Runtime.Kernel.Relocate;

/// <summary>A known relocate_kernel bug of reference section 7 built into the generated routine.</summary>
public enum RelocateBug
{
    /// <summary>The routine as its era wrote it.</summary>
    None,

    /// <summary>B2: the preserve-context flag is lost on the way back, so the return pass copies instead of swapping.</summary>
    B2,

    /// <summary>B2a: the swap condition is inverted, so a kexec jump copies and a plain kexec swaps.</summary>
    B2a,

    /// <summary>B3: swap_pages uses a stale register as the swap page (page 0 here) instead of the real swap page.</summary>
    B3,

    /// <summary>B4: the callee's stack starts at the very top of the swap page with no slot pushed (K30 and i386 behaviour).</summary>
    B4,

    /// <summary>
    /// B5: CR4.PGE is not cleared before the data area is written through the control page's kernel virtual address, so
    /// the global read-only translation of the kernel map (the control page is ROX since 5a82223e0743) survives the
    /// CR3 load and the first write faults (6.14-rc until d144d8a65286; K614 and CUR only).
    /// </summary>
    B5,

    /// <summary>B6: identity_mapped pushes no 0 under the start address, so a plain kexec enters the image with an empty stack (2cacf7f23a02 until 786a45757dcd).</summary>
    B6,
}
