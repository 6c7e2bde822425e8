namespace KjTest.Runtime.Kernel;

/// <summary>The architecture of the modelled kernel; it fixes the width of <c>unsigned long</c> and the kexec limits.</summary>
public enum KernelArch
{
    /// <summary>64-bit x86 (8-byte words, <c>KEXEC_ARCH_X86_64</c>).</summary>
    X86_64,

    /// <summary>32-bit x86 (4-byte words, <c>KEXEC_ARCH_386</c>).</summary>
    I386,
}
