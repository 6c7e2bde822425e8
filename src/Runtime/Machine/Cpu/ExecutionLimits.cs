namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Bounds on one <see cref="X86Cpu.Run"/> call.</summary>
/// <param name="MaxInstructions">Instruction budget.</param>
/// <param name="WallClock">Optional wall-clock limit, checked every few thousand instructions.</param>
/// <param name="StopOnException">Stop at the first exception (with its vector, error code and RIP) instead of delivering it.</param>
/// <param name="Cancellation">Checked every few thousand instructions.</param>
public sealed record ExecutionLimits(ulong MaxInstructions, TimeSpan? WallClock = null, bool StopOnException = false, CancellationToken Cancellation = default);
