namespace KjTest.Dsl.Model;

/// <summary>The kernel era whose kexec jump code is modelled (reference kexec-jump.md section 1).</summary>
public enum Era
{
    /// <summary>Newest source: debug GDT/IDT in the control page, RELOC_KERNEL_* flags, push 0 restored.</summary>
    Cur,

    /// <summary>Linux 6.14 x86-64 rework.</summary>
    K614,

    /// <summary>Linux 2.6.30 to 6.13: data area in the control page, GDT not restored (bug B1), re-entry read above the swap page (B4).</summary>
    K30,

    /// <summary>Linux 2.6.27, i386 only, copy loop with paging off.</summary>
    K27,
}
