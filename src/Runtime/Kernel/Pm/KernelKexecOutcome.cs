namespace KjTest.Runtime.Kernel.Pm;

/// <summary>How a <c>reboot(LINUX_REBOOT_CMD_KEXEC)</c> ended for the calling task.</summary>
public enum KernelKexecOutcome
{
    /// <summary>The system call returned (0 after a round trip, or an errno).</summary>
    Returned,

    /// <summary><c>machine_kexec()</c> never gave control back.</summary>
    NeverReturned,

    /// <summary>The task blocked for ever on a lock it already held (B9).</summary>
    Deadlocked,

    /// <summary>A valid reboot command other than KEXEC, which the model does not carry out.</summary>
    NotModelled,
}
