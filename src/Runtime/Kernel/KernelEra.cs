namespace KjTest.Runtime.Kernel;

/// <summary>The kernel era whose kexec code the model follows (reference kexec-jump.md section 1).</summary>
public enum KernelEra
{
    /// <summary>Newest source: load limits, LSM and lockdown checks, half-of-RAM limits, one control page on x86-64.</summary>
    Cur,

    /// <summary>Linux 6.14 x86-64 rework: one control page; the syscall checks are those of <see cref="Cur"/>.</summary>
    K614,

    /// <summary>Linux 2.6.30 to 6.13, modelled as the older kernels: no load limits, LSM, lockdown, wrap or half-of-RAM checks; two control pages on x86-64.</summary>
    K30,

    /// <summary>Linux 2.6.27: the first kexec jump, i386; legal flags ON_CRASH and PRESERVE_CONTEXT only, no kexec_load_disabled.</summary>
    K27,
}
