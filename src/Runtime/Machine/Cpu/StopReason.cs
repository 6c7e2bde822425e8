namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Why <see cref="X86Cpu.Run"/> returned.</summary>
public enum StopReason
{
    /// <summary>HLT with no interrupt able to wake the CPU.</summary>
    Halted,

    /// <summary>A hook or device asked to end the run (e.g. a guest exit syscall or debug-exit port).</summary>
    GuestExit,

    /// <summary>The instruction budget ran out.</summary>
    InstructionLimit,

    /// <summary>The wall-clock deadline passed.</summary>
    Deadline,

    /// <summary>The cancellation token fired.</summary>
    Cancelled,

    /// <summary>A triple fault reset the machine.</summary>
    TripleFault,

    /// <summary>An exception occurred while <see cref="ExecutionLimits.StopOnException"/> was set.</summary>
    Exception,

    /// <summary>Execution reached a sentinel address.</summary>
    Sentinel,
}
