namespace KjTest.Abi;

/// <summary>
/// <c>kexec_load</c> flag names and values (include/uapi/linux/kexec.h, reference kexec-jump.md section 2.2), the
/// architecture field included: the one table both the scenario language and the kernel model read.
/// </summary>
public static class KexecFlags
{
    /// <summary>KEXEC_ON_CRASH.</summary>
    public const ulong OnCrash = 0x1;

    /// <summary>KEXEC_PRESERVE_CONTEXT.</summary>
    public const ulong PreserveContext = 0x2;

    /// <summary>KEXEC_UPDATE_ELFCOREHDR.</summary>
    public const ulong UpdateElfCoreHdr = 0x4;

    /// <summary>KEXEC_CRASH_HOTPLUG_SUPPORT.</summary>
    public const ulong CrashHotplugSupport = 0x8;

    /// <summary>KEXEC_ARCH_MASK: the upper 16 bits.</summary>
    public const ulong ArchMask = 0xffff_0000;

    /// <summary>KEXEC_DEBUG (6.10+).</summary>
    public const ulong Debug = 0x10;

    /// <summary>KEXEC_ARCH_DEFAULT.</summary>
    public const ulong ArchDefault = 0;

    /// <summary>KEXEC_ARCH_386.</summary>
    public const ulong Arch386 = 3ul << 16;

    /// <summary>KEXEC_ARCH_X86_64.</summary>
    public const ulong ArchX86_64 = 62ul << 16;

    /// <summary>Every name accepted in a flags list, without the <c>KEXEC_</c> prefix (which is also accepted).</summary>
    public static IReadOnlyDictionary<string, ulong> Names { get; } = new Dictionary<string, ulong>(StringComparer.Ordinal)
    {
        ["ON_CRASH"] = OnCrash,
        ["PRESERVE_CONTEXT"] = PreserveContext,
        ["UPDATE_ELFCOREHDR"] = UpdateElfCoreHdr,
        ["CRASH_HOTPLUG_SUPPORT"] = CrashHotplugSupport,
        ["DEBUG"] = Debug,
        ["ARCH_DEFAULT"] = ArchDefault,
        ["ARCH_386"] = Arch386,
        ["ARCH_68K"] = 4ul << 16,
        ["ARCH_PARISC"] = 15ul << 16,
        ["ARCH_X86_64"] = ArchX86_64,
        ["ARCH_PPC"] = 20ul << 16,
        ["ARCH_PPC64"] = 21ul << 16,
        ["ARCH_IA_64"] = 50ul << 16,
        ["ARCH_ARM"] = 40ul << 16,
        ["ARCH_S390"] = 22ul << 16,
        ["ARCH_SH"] = 42ul << 16,
        ["ARCH_MIPS_LE"] = 10ul << 16,
        ["ARCH_MIPS"] = 8ul << 16,
        ["ARCH_AARCH64"] = 183ul << 16,
        ["ARCH_RISCV"] = 243ul << 16,
        ["ARCH_LOONGARCH"] = 258ul << 16,
    };

    /// <summary>Looks up a flag name, with or without the <c>KEXEC_</c> prefix, case-insensitively.</summary>
    public static bool TryGet(string name, out ulong value)
    {
        var key = name.ToUpperInvariant();
        if (key.StartsWith("KEXEC_", StringComparison.Ordinal))
        {
            key = key[6..];
        }

        return Names.TryGetValue(key, out value);
    }

    /// <summary>The canonical spelling of a flag name (upper case, no prefix), or null when unknown.</summary>
    public static string? Canonical(string name)
    {
        var key = name.ToUpperInvariant();
        if (key.StartsWith("KEXEC_", StringComparison.Ordinal))
        {
            key = key[6..];
        }

        return Names.ContainsKey(key) ? key : null;
    }
}
