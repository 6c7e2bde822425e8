namespace KjTest.Runtime.Kernel;

/// <summary><c>kexec_load</c> flag and architecture values (include/uapi/linux/kexec.h, reference 2.2).</summary>
public static class KexecFlags
{
    /// <summary>KEXEC_ON_CRASH: load into the crash image slot.</summary>
    public const ulong OnCrash = 0x1;

    /// <summary>KEXEC_PRESERVE_CONTEXT: kexec jump; legal only with CONFIG_KEXEC_JUMP.</summary>
    public const ulong PreserveContext = 0x2;

    /// <summary>KEXEC_UPDATE_ELFCOREHDR (6.6+).</summary>
    public const ulong UpdateElfcorehdr = 0x4;

    /// <summary>KEXEC_CRASH_HOTPLUG_SUPPORT (6.10+).</summary>
    public const ulong CrashHotplugSupport = 0x8;

    /// <summary>KEXEC_ARCH_MASK: the upper 16 bits of the low word name the architecture.</summary>
    public const ulong ArchMask = 0xffff0000;

    /// <summary>KEXEC_ARCH_DEFAULT.</summary>
    public const ulong ArchDefault = 0;

    /// <summary>KEXEC_ARCH_386 (3 &lt;&lt; 16).</summary>
    public const ulong Arch386 = 3UL << 16;

    /// <summary>KEXEC_ARCH_X86_64 (62 &lt;&lt; 16).</summary>
    public const ulong ArchX86_64 = 62UL << 16;

    /// <summary>KEXEC_ARCH for a kernel of <paramref name="arch"/>.</summary>
    public static ulong NativeArch(KernelArch arch) => arch == KernelArch.I386 ? Arch386 : ArchX86_64;

    /// <summary>
    /// KEXEC_FLAGS, the legal low flag bits of <paramref name="era"/>: ON_CRASH, plus UPDATE_ELFCOREHDR and
    /// CRASH_HOTPLUG_SUPPORT in the eras that know them (CUR, K614), plus PRESERVE_CONTEXT with CONFIG_KEXEC_JUMP.
    /// </summary>
    public static ulong Legal(KernelEra era, bool kexecJump)
    {
        var flags = OnCrash;
        if (era is KernelEra.Cur or KernelEra.K614)
        {
            flags |= UpdateElfcorehdr | CrashHotplugSupport;
        }

        return kexecJump ? flags | PreserveContext : flags;
    }
}
