namespace KjTest.Runtime.Kernel.Eras;

/// <summary>How machine_kexec hands the control page to relocate_kernel (reference 5.2).</summary>
public enum RelocateInterface
{
    /// <summary>
    /// Before 6.14: machine_kexec copies the routine into the control code page on every call and passes page_list
    /// (its physical and virtual address, the identity table, the swap page).
    /// </summary>
    PageList,

    /// <summary>Since 6.14: machine_kexec_prepare installs the routine and its data words in the control page once; rsi is the control page.</summary>
    ControlPage,
}
