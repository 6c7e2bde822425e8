using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>One slot of the direct-mapped decoded-instruction cache.</summary>
internal struct DecodedInstruction
{
    public ulong Tag;
    public ulong Key;
    public ulong AddressMask;
    public bool Sentinel;
    public Handler Handler;
    public byte Condition;
    public Instruction Instruction;
}
