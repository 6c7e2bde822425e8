namespace KjTest.Abi;

/// <summary>
/// The Linux system call numbers a guest uses to drive kexec jump and report results (arch/x86/entry/syscalls:
/// syscall_64.tbl for <c>syscall</c>, syscall_32.tbl for <c>int $0x80</c>).
/// </summary>
public static class SyscallNumbers
{
    /// <summary>x86-64 write.</summary>
    public const int Write64 = 1;

    /// <summary>x86-64 exit.</summary>
    public const int Exit64 = 60;

    /// <summary>x86-64 reboot.</summary>
    public const int Reboot64 = 169;

    /// <summary>x86-64 exit_group.</summary>
    public const int ExitGroup64 = 231;

    /// <summary>x86-64 kexec_load.</summary>
    public const int KexecLoad64 = 246;

    /// <summary>i386 exit.</summary>
    public const int Exit32 = 1;

    /// <summary>i386 write.</summary>
    public const int Write32 = 4;

    /// <summary>i386 reboot.</summary>
    public const int Reboot32 = 88;

    /// <summary>i386 exit_group.</summary>
    public const int ExitGroup32 = 252;

    /// <summary>i386 kexec_load.</summary>
    public const int KexecLoad32 = 283;
}
