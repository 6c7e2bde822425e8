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

    /// <summary>Optional wall-clock limit of one jump.</summary>
    public TimeSpan? WallClock { get; init; }
}
