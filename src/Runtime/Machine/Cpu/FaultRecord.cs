namespace KjTest.Runtime.Machine.Cpu;

/// <summary>One exception in a chain of faults.</summary>
/// <param name="Vector">Exception vector (0-31).</param>
/// <param name="ErrorCode">Error code when the exception pushes one.</param>
/// <param name="Rip">RIP of the instruction that faulted.</param>
/// <param name="Detail">Extra facts, e.g. the undefined instruction and its bytes, or CR2 for #PF.</param>
public sealed record FaultRecord(int Vector, uint? ErrorCode, ulong Rip, string? Detail)
{
    private static readonly string[] Mnemonics =
        ["#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#9", "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM"];

    /// <summary>Short name of the vector, e.g. <c>#GP</c>.</summary>
    public string Name => Vector < Mnemonics.Length ? Mnemonics[Vector] : $"#{Vector}";

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}{(ErrorCode is { } e ? $"(0x{e:x})" : "")} at rip=0x{Rip:x}{(Detail is null ? "" : ": " + Detail)}";
}
