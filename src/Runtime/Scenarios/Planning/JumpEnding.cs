namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>How a jump step states that reboot(LINUX_REBOOT_CMD_KEXEC) ends.</summary>
public enum JumpEnding
{
    /// <summary>It returns to A with a result (0 or an errno).</summary>
    Returns,

    /// <summary>The machine resets on a triple fault.</summary>
    TripleFault,

    /// <summary>The machine dies in an exception or a triple fault.</summary>
    Crash,

    /// <summary>The instruction budget or the time limit runs out.</summary>
    Timeout,
}
