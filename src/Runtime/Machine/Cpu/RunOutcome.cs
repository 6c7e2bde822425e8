namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The result of <see cref="X86Cpu.Run"/>.</summary>
/// <param name="Reason">Why the run stopped.</param>
/// <param name="Rip">RIP when it stopped (the next instruction to execute, or the faulting one).</param>
/// <param name="Instructions">Instructions retired during this run.</param>
/// <param name="Faults">For <see cref="StopReason.TripleFault"/> and <see cref="StopReason.Exception"/>: the chain of faults, first first.</param>
/// <param name="ExitCode">For <see cref="StopReason.GuestExit"/>: the status the guest asked for.</param>
public sealed record RunOutcome(StopReason Reason, ulong Rip, ulong Instructions, IReadOnlyList<FaultRecord> Faults, int? ExitCode)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Reason} at rip=0x{Rip:x} after {Instructions} instructions"
        + (ExitCode is { } c ? $", exit code {c}" : "")
        + (Faults.Count > 0 ? ": " + string.Join(" -> ", Faults) : "");
}
