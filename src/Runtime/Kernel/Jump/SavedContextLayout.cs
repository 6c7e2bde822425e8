namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Offsets inside kernel A's <c>saved_context</c> area (x86-64), which <c>save_processor_state()</c> fills and the
/// guest code of <c>restore_processor_state()</c> reads back.
/// </summary>
public static class SavedContextLayout
{
    /// <summary>CR0.</summary>
    public const int Cr0 = 0x00;

    /// <summary>CR2.</summary>
    public const int Cr2 = 0x08;

    /// <summary>CR3.</summary>
    public const int Cr3 = 0x10;

    /// <summary>CR4.</summary>
    public const int Cr4 = 0x18;

    /// <summary>MSR_EFER.</summary>
    public const int Efer = 0x20;

    /// <summary>MSR_IA32_MISC_ENABLE.</summary>
    public const int MiscEnable = 0x28;

    /// <summary>The GDT descriptor (limit, then base): <c>saved_context.gdt_desc</c>.</summary>
    public const int GdtDescriptor = 0x30;

    /// <summary>The IDT descriptor.</summary>
    public const int IdtDescriptor = 0x40;

    /// <summary>MSR_FS_BASE.</summary>
    public const int FsBase = 0x50;

    /// <summary>MSR_GS_BASE (the kernel's per-CPU base).</summary>
    public const int GsBase = 0x58;

    /// <summary>MSR_KERNEL_GS_BASE.</summary>
    public const int KernelGsBase = 0x60;

    /// <summary>MSR_STAR.</summary>
    public const int Star = 0x68;

    /// <summary>MSR_LSTAR.</summary>
    public const int Lstar = 0x70;

    /// <summary>MSR_CSTAR.</summary>
    public const int Cstar = 0x78;

    /// <summary>MSR_SYSCALL_MASK.</summary>
    public const int Fmask = 0x80;

    /// <summary>XCR0.</summary>
    public const int Xcr0 = 0x88;

    /// <summary>DS selector.</summary>
    public const int Ds = 0x90;

    /// <summary>ES selector.</summary>
    public const int Es = 0x92;

    /// <summary>FS selector.</summary>
    public const int Fs = 0x94;

    /// <summary>GS selector.</summary>
    public const int Gs = 0x96;

    /// <summary>TR selector.</summary>
    public const int Tr = 0x98;

    /// <summary>Where machine_kexec stores relocate_kernel's return value before it becomes image->start.</summary>
    public const int ImageStart = 0xA0;

    /// <summary>Where the end of restore_processor_state jumps to (one of the two end sentinels).</summary>
    public const int DoneTarget = 0xA8;

    /// <summary>A descriptor with base __va(0) and limit 0, which machine_kexec loads before 6.14.</summary>
    public const int NullDescriptor = 0xB0;

    /// <summary>K30's page_list: PA and VA of the code page, PA of the identity table, PA of the swap page.</summary>
    public const int PageList = 0xC0;

    /// <summary>Bytes used.</summary>
    public const int Size = 0x100;
}
