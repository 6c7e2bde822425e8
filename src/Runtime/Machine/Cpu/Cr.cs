namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Control-register, EFER and RFLAGS bit masks.</summary>
public static class Cr
{
    /// <summary>CR0.PE.</summary>
    public const ulong Cr0Pe = 1;

    /// <summary>CR0.MP.</summary>
    public const ulong Cr0Mp = 2;

    /// <summary>CR0.EM.</summary>
    public const ulong Cr0Em = 4;

    /// <summary>CR0.TS.</summary>
    public const ulong Cr0Ts = 8;

    /// <summary>CR0.ET.</summary>
    public const ulong Cr0Et = 0x10;

    /// <summary>CR0.NE.</summary>
    public const ulong Cr0Ne = 0x20;

    /// <summary>CR0.WP.</summary>
    public const ulong Cr0Wp = 1UL << 16;

    /// <summary>CR0.AM.</summary>
    public const ulong Cr0Am = 1UL << 18;

    /// <summary>CR0.NW.</summary>
    public const ulong Cr0Nw = 1UL << 29;

    /// <summary>CR0.CD.</summary>
    public const ulong Cr0Cd = 1UL << 30;

    /// <summary>CR0.PG.</summary>
    public const ulong Cr0Pg = 1UL << 31;

    /// <summary>CR4.PSE.</summary>
    public const ulong Cr4Pse = 1UL << 4;

    /// <summary>CR4.PAE.</summary>
    public const ulong Cr4Pae = 1UL << 5;

    /// <summary>CR4.PGE.</summary>
    public const ulong Cr4Pge = 1UL << 7;

    /// <summary>CR4.OSFXSR.</summary>
    public const ulong Cr4Osfxsr = 1UL << 9;

    /// <summary>CR4.OSXMMEXCPT.</summary>
    public const ulong Cr4Osxmmexcpt = 1UL << 10;

    /// <summary>CR4.OSXSAVE.</summary>
    public const ulong Cr4Osxsave = 1UL << 18;

    /// <summary>CR4 bits this CPU accepts: VME PVI TSD DE PSE PAE MCE PGE PCE OSFXSR OSXMMEXCPT FSGSBASE PCIDE OSXSAVE SMEP SMAP CET.</summary>
    public const ulong Cr4Supported = 0x1FF | (1UL << 9) | (1UL << 10) | (1UL << 16) | (1UL << 17) | (1UL << 18) | (1UL << 20) | (1UL << 21) | (1UL << 23);

    /// <summary>EFER.SCE.</summary>
    public const ulong EferSce = 1;

    /// <summary>EFER.LME.</summary>
    public const ulong EferLme = 1UL << 8;

    /// <summary>EFER.LMA.</summary>
    public const ulong EferLma = 1UL << 10;

    /// <summary>EFER.NXE.</summary>
    public const ulong EferNxe = 1UL << 11;

    /// <summary>RFLAGS.CF.</summary>
    public const ulong FlagCf = 1;

    /// <summary>RFLAGS.PF.</summary>
    public const ulong FlagPf = 4;

    /// <summary>RFLAGS.AF.</summary>
    public const ulong FlagAf = 0x10;

    /// <summary>RFLAGS.ZF.</summary>
    public const ulong FlagZf = 0x40;

    /// <summary>RFLAGS.SF.</summary>
    public const ulong FlagSf = 0x80;

    /// <summary>RFLAGS.TF.</summary>
    public const ulong FlagTf = 0x100;

    /// <summary>RFLAGS.IF.</summary>
    public const ulong FlagIf = 0x200;

    /// <summary>RFLAGS.DF.</summary>
    public const ulong FlagDf = 0x400;

    /// <summary>RFLAGS.OF.</summary>
    public const ulong FlagOf = 0x800;

    /// <summary>RFLAGS.IOPL (two bits).</summary>
    public const ulong FlagIopl = 0x3000;

    /// <summary>RFLAGS.NT.</summary>
    public const ulong FlagNt = 0x4000;

    /// <summary>RFLAGS.RF.</summary>
    public const ulong FlagRf = 0x10000;

    /// <summary>RFLAGS.VM.</summary>
    public const ulong FlagVm = 0x20000;

    /// <summary>RFLAGS.AC.</summary>
    public const ulong FlagAc = 0x40000;

    /// <summary>RFLAGS.ID.</summary>
    public const ulong FlagId = 0x200000;

    /// <summary>The six arithmetic status flags.</summary>
    public const ulong ArithmeticFlags = FlagCf | FlagPf | FlagAf | FlagZf | FlagSf | FlagOf;
}
