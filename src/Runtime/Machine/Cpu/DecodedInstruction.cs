using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>One slot of the direct-mapped decoded-instruction cache.</summary>
internal unsafe struct DecodedInstruction
{
    public ulong Tag;
    public ulong Key;
    public ulong AddressMask;

    /// <summary>The handler chosen at decode time (a specialized form, or the generic dispatcher).</summary>
    public delegate*<X86Cpu, ref DecodedInstruction, void> Run;
    public bool Sentinel;
    public Handler Handler;
    public byte Condition;

    /// <summary>Size in bytes of operand 0 (register or memory), 0 when it has neither.</summary>
    public byte Size;

    /// <summary>Size in bytes of operand 1 where a specialized form needs it (MOVZX, MOVSX).</summary>
    public byte SourceSize;

    /// <summary>Operand classes: <see cref="OperandClass"/> of operand 0 and 1.</summary>
    public byte Kind0;
    public byte Kind1;

    /// <summary>GPR descriptors (X86Cpu register info) of register operands 0 and 1.</summary>
    public ushort Reg0;
    public ushort Reg1;

    /// <summary>Immediate of operand 1, masked to <see cref="Size"/>.</summary>
    public ulong Immediate;

    /// <summary>Memory operand: displacement, base and index GPR numbers (16, the zero element, when absent), scale shift, segment number.</summary>
    public ulong Displacement;
    public byte Base;
    public byte Index;
    public byte ScaleShift;
    public byte Segment;

    /// <summary>The memory operand's linear address is its effective address (64-bit mode, segment without a base).</summary>
    public bool Flat;

    /// <summary>Bytes the instruction adds to the stack pointer (negative for pushes).</summary>
    public short StackDelta;
    public Instruction Instruction;
}
