namespace KjTest.Runtime.Kernel.Relocate;

/// <summary>A generated relocate_kernel: the bytes copied into the control page and where its parts are.</summary>
/// <param name="Code">Code and data, placed at the start of the control code page.</param>
/// <param name="JumpBackOffset">Offset of the instruction after <c>call *image</c>: the jump-back entry a peer calls.</param>
/// <param name="DataOffset">Offset of the data area (saved RSP, CR0, CR3, CR4, table, swap page, list head, ...).</param>
/// <param name="DebugStubs">Offsets of the debug exception stubs (CUR's 16-vector debug IDT), vector by vector; empty before CUR.</param>
public sealed record RelocateRoutine(byte[] Code, int JumpBackOffset, int DataOffset, IReadOnlyList<int> DebugStubs)
{
    /// <summary>Offset of the <c>hlt</c> where CUR's exception handler stops for every vector but #BP; -1 before CUR.</summary>
    public int DebugHaltOffset { get; init; } = -1;

    /// <summary>The routine's labels (<c>relocate_kernel</c>, <c>identity_mapped</c>, <c>swap_pages</c>, ...) by offset; empty for a user's routine.</summary>
    public IReadOnlyList<CodeLabel> Labels { get; init; } = [];

    /// <summary>Data area slot of the saved stack pointer.</summary>
    public const int SavedRsp = 0x00;

    /// <summary>Data area slot of the saved CR0.</summary>
    public const int SavedCr0 = 0x08;

    /// <summary>Data area slot of the saved CR3.</summary>
    public const int SavedCr3 = 0x10;

    /// <summary>Data area slot of the saved CR4 (before CR4.PGE is cleared).</summary>
    public const int SavedCr4 = 0x18;

    /// <summary>Data area slot of the identity table's physical address.</summary>
    public const int PaTablePage = 0x20;

    /// <summary>Data area slot of the swap page's physical address.</summary>
    public const int PaSwapPage = 0x28;

    /// <summary>Data area slot of the indirection list head ("backup pages map").</summary>
    public const int BackupPagesMap = 0x30;

    /// <summary>Data area slot of the control page's kernel virtual address.</summary>
    public const int VaControlPage = 0x38;

    /// <summary>Data area slot of the debug GDT descriptor (CUR); its base is filled in at run time.</summary>
    public const int DebugGdtDescriptor = 0x40;

    /// <summary>Data area offset of the debug GDT: null, __KERNEL32_CS, __KERNEL_CS, __KERNEL_DS.</summary>
    public const int DebugGdt = 0x50;

    /// <summary>Data area slot of the debug IDT descriptor (CUR).</summary>
    public const int DebugIdtDescriptor = 0x70;

    /// <summary>Data area offset of the 16-gate debug IDT (CUR).</summary>
    public const int DebugIdt = 0x80;

    /// <summary>Bytes of the data area.</summary>
    public const int DataSize = 0x180;

    /// <summary>The K30 and i386 data area offset inside the code page (KEXEC_CONTROL_CODE_MAX_SIZE).</summary>
    public const int ControlCodeMaxSize = 2048;
}
