namespace KjTest.Runtime.Kernel.Jump;

/// <summary>How the guest part of one <c>machine_kexec()</c> ended.</summary>
public enum JumpEndKind
{
    /// <summary>relocate_kernel returned and restore_processor_state ran to its end.</summary>
    Returned,

    /// <summary>An exception reached a handler of A's IDT or of the debug IDT in a control page.</summary>
    Exception,

    /// <summary>The machine reset after a triple fault.</summary>
    TripleFault,

    /// <summary>The instruction budget or the emulated time limit ran out, or the CPU halted with interrupts off.</summary>
    Timeout,

    /// <summary>The host's wall-clock safety net passed before any limit of the guest: KjTest's failure, not the guest's.</summary>
    HostDeadline,

    /// <summary>The guest ended the machine (exit_group, isa-debug-exit); control never came back to A.</summary>
    Exit,

    /// <summary>A plain kexec: the image was entered and never returned, as designed.</summary>
    NoReturn,
}
