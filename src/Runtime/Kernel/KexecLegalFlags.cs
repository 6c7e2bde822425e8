using KjTest.Abi;

namespace KjTest.Runtime.Kernel;

/// <summary>What the kernel model's <c>kexec_load</c> accepts of the flags word, per kernel.</summary>
public static class KexecLegalFlags
{
    /// <summary>KEXEC_ARCH for a kernel of <paramref name="arch"/>.</summary>
    public static ulong NativeArch(KernelArch arch) => arch == KernelArch.I386 ? KexecFlags.Arch386 : KexecFlags.ArchX86_64;
}
