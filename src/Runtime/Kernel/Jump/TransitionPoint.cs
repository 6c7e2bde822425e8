namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// The fault-injection points of reference section 9 that lie in guest code, between A's descriptor tables being
/// given up in <c>machine_kexec</c> and <c>restore_processor_state</c>.
/// </summary>
public enum TransitionPoint
{
    /// <summary>
    /// machine_kexec's last instruction before relocate_kernel is called: after load_segments and, before 6.14, after
    /// the IDT and GDT were invalidated in C (reference 5.1 step 7).
    /// </summary>
    MachineKexec,

    /// <summary>The outbound call of swap_pages in relocate_kernel, before its first page copy (reference 5.3 step 7).</summary>
    RelocateOutbound,

    /// <summary>The image's entry point, before its first instruction.</summary>
    Callee,

    /// <summary>The jump-back entry: the instruction after <c>call *image</c>, reached when the callee returns (reference 5.4).</summary>
    RelocateReturn,
}
