namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Model-specific register numbers the CPU implements.</summary>
public static class Msr
{
    /// <summary>IA32_TSC.</summary>
    public const uint Tsc = 0x10;

    /// <summary>IA32_APIC_BASE.</summary>
    public const uint ApicBase = 0x1B;

    /// <summary>IA32_TSC_ADJUST.</summary>
    public const uint TscAdjust = 0x3B;

    /// <summary>IA32_SPEC_CTRL.</summary>
    public const uint SpecCtrl = 0x48;

    /// <summary>IA32_MTRRCAP.</summary>
    public const uint MtrrCap = 0xFE;

    /// <summary>IA32_SYSENTER_CS.</summary>
    public const uint SysenterCs = 0x174;

    /// <summary>IA32_SYSENTER_ESP.</summary>
    public const uint SysenterEsp = 0x175;

    /// <summary>IA32_SYSENTER_EIP.</summary>
    public const uint SysenterEip = 0x176;

    /// <summary>IA32_MISC_ENABLE.</summary>
    public const uint MiscEnable = 0x1A0;

    /// <summary>IA32_PAT.</summary>
    public const uint Pat = 0x277;

    /// <summary>IA32_MTRR_DEF_TYPE.</summary>
    public const uint MtrrDefType = 0x2FF;

    /// <summary>IA32_U_CET.</summary>
    public const uint UCet = 0x6A0;

    /// <summary>IA32_S_CET.</summary>
    public const uint SCet = 0x6A2;

    /// <summary>IA32_EFER.</summary>
    public const uint Efer = 0xC000_0080;

    /// <summary>IA32_STAR.</summary>
    public const uint Star = 0xC000_0081;

    /// <summary>IA32_LSTAR.</summary>
    public const uint Lstar = 0xC000_0082;

    /// <summary>IA32_CSTAR.</summary>
    public const uint Cstar = 0xC000_0083;

    /// <summary>IA32_FMASK.</summary>
    public const uint Fmask = 0xC000_0084;

    /// <summary>IA32_FS_BASE.</summary>
    public const uint FsBase = 0xC000_0100;

    /// <summary>IA32_GS_BASE.</summary>
    public const uint GsBase = 0xC000_0101;

    /// <summary>IA32_KERNEL_GS_BASE.</summary>
    public const uint KernelGsBase = 0xC000_0102;

    /// <summary>IA32_TSC_AUX.</summary>
    public const uint TscAux = 0xC000_0103;

    /// <summary>The fixed-range MTRRs (IA32_MTRR_FIX64K_00000 .. FIX4K_F8000).</summary>
    public static IReadOnlyList<uint> FixedMtrrs { get; } = [0x250, 0x258, 0x259, 0x268, 0x269, 0x26A, 0x26B, 0x26C, 0x26D, 0x26E, 0x26F];
}
