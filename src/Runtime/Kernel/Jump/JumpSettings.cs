using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>How machine_kexec and relocate_kernel behave for one kernel.</summary>
public sealed record JumpSettings
{
    /// <summary>The era whose code runs.</summary>
    public KernelEra Era { get; init; } = KernelEra.Cur;

    /// <summary>A known bug built into the relocate routine.</summary>
    public RelocateBug Bug { get; init; }

    /// <summary>
    /// A user-supplied relocate routine: given the control code page's physical address, the bytes to place there (an
    /// image assembled at that address following the era's calling convention), or null to use the era's routine.
    /// </summary>
    public Func<ulong, byte[]>? UserRelocate { get; init; }

    /// <summary>Instruction budget of one jump (both directions and everything the peer runs in between).</summary>
    public ulong MaxInstructions { get; init; } = 50_000_000;

    /// <summary>
    /// Time limit of one jump in emulated time: instructions retired at one per nanosecond, so that a scenario ends the
    /// same way on any host. Null for none.
    /// </summary>
    public ulong? TimeLimitMilliseconds { get; init; }

    /// <summary>
    /// A host wall-clock bound, only a safety net against a runaway KjTest: null for the default, which no scenario
    /// within its own limits reaches (a minute plus 50 ns for each instruction of the budget, that is 20 MIPS).
    /// </summary>
    public TimeSpan? HostDeadline { get; init; }

    /// <summary>Emulated instructions per millisecond: the emulated CPU retires one instruction per nanosecond.</summary>
    public const ulong InstructionsPerMillisecond = 1_000_000;

    /// <summary>The instructions one jump may retire: the smaller of the budget and the time limit.</summary>
    public ulong Budget => TimeLimitMilliseconds is { } ms && ms < ulong.MaxValue / InstructionsPerMillisecond && ms * InstructionsPerMillisecond < MaxInstructions
        ? ms * InstructionsPerMillisecond
        : MaxInstructions;

    /// <summary>The host bound in effect.</summary>
    public TimeSpan EffectiveHostDeadline => HostDeadline ?? TimeSpan.FromSeconds(60) + TimeSpan.FromTicks((long)Math.Min(Budget / 2, (ulong)(TimeSpan.MaxValue.Ticks / 4)));

    /// <summary>The account of a jump stopped by its limit: the time limit when it was the smaller, else the budget.</summary>
    public string LimitReached(string ip, ulong address) => Budget < MaxInstructions
        ? $"emulated time limit of {TimeLimitMilliseconds} ms ({Budget} instructions at one per nanosecond) reached at {ip}=0x{address:x}"
        : $"instruction budget of {MaxInstructions} exhausted at {ip}=0x{address:x}";

    /// <summary>The account of a jump stopped by the host's safety net rather than by any limit of the guest.</summary>
    public string HostDeadlinePassed(ulong retired) =>
        $"the host deadline ({EffectiveHostDeadline.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s) passed before the guest's limit, after {retired} of {Budget} instructions; KjTest or this host is too slow, not the guest";
}
