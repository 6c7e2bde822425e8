using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>What running a program produced.</summary>
/// <param name="Outcome">The CPU's run outcome.</param>
/// <param name="ExitCode">Process exit code: the guest status, 124 on timeout, 125 on a crash.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record ProgramRunResult(RunOutcome Outcome, int ExitCode, TimeSpan Elapsed)
{
    /// <summary>Exit code when the instruction budget ran out.</summary>
    public const int TimeoutExitCode = 124;

    /// <summary>Exit code when the guest crashed (triple fault or unhandled exception).</summary>
    public const int CrashExitCode = 125;

    /// <summary>Millions of instructions per second.</summary>
    public double Mips => Elapsed.TotalSeconds > 0 ? Outcome.Instructions / Elapsed.TotalSeconds / 1e6 : 0;
}
