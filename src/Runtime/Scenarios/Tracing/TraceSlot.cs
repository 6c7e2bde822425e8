using Iced.Intel;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>One instruction as captured while it ran: where, what, and the registers before and after; formatted later.</summary>
internal sealed class TraceSlot
{
    public const ulong NoAddress = ulong.MaxValue;

    public ulong Linear;
    public ulong Physical = NoAddress;
    public ulong TargetPhysical = NoAddress;
    public int Bitness;
    public readonly byte[] Code = new byte[16];
    public int CodeLength;
    public Instruction Instruction;
    public readonly ulong[] Before = new ulong[TraceRegisters.Count];
    public readonly ulong[] After = new ulong[TraceRegisters.Count];
    public string? Fault;
}
