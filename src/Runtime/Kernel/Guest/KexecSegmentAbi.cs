namespace KjTest.Runtime.Kernel.Guest;

/// <summary>The layout of the user's <c>struct kexec_segment</c> array (reference 2.1).</summary>
public enum KexecSegmentAbi
{
    /// <summary>x86-64 native: buf, bufsz, mem, memsz as four 8-byte words.</summary>
    Native64,

    /// <summary>i386 native: four 4-byte words.</summary>
    Native32,

    /// <summary><c>compat_kexec_segment</c>: a 32-bit task on an x86-64 kernel, four u32 words, copied by the compat syscall.</summary>
    Compat32,
}
