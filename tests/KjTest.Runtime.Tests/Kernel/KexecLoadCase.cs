using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>One row of the kexec_load validation table: a configuration, a call, and the expected return and deciding row.</summary>
public sealed record KexecLoadCase(string Name, KernelConfig Config, ulong Entry, KexecSegment[] Segments, ulong Flags, long Expected, int Row)
{
    public bool LockHeld { get; init; }

    public IKexecSegmentSource? Source { get; init; }

    public ulong? NrSegments { get; init; }

    public IReadOnlyList<ulong> Occupied { get; init; } = [];

    public override string ToString() => Name;
}
