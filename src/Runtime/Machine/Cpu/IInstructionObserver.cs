namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// Watches every instruction of a run (<see cref="X86Cpu.Observer"/>): called before it executes, after it retires, or
/// when it faults instead. A run with an observer takes the traced loop; without one it costs nothing.
/// </summary>
public interface IInstructionObserver
{
    /// <summary>The instruction at <see cref="X86Cpu.Rip"/> is about to execute (it may still stop at a sentinel, then nothing follows).</summary>
    void Before(X86Cpu cpu);

    /// <summary>The instruction announced by <see cref="Before"/> retired.</summary>
    void After(X86Cpu cpu);

    /// <summary>The instruction announced by <see cref="Before"/> raised <paramref name="fault"/> instead of retiring.</summary>
    void Faulted(X86Cpu cpu, FaultRecord fault);
}
