namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// One slot of the direct-mapped decoded-instruction cache: what executing the instruction needs, in one 64-byte
/// cache line. The Iced <c>Instruction</c> itself, needed only by the generic semantics, lives in a parallel array.
/// </summary>
internal unsafe struct DecodedInstruction
{
    /// <summary>Linear address of the instruction (the slot is valid when it and <see cref="Key"/> match).</summary>
    public ulong Tag;

    /// <summary>Address of the next instruction.</summary>
    public ulong NextRip;

    /// <summary>Immediate of operand 1, masked to <see cref="Size"/>; the target of a near branch.</summary>
    public ulong Immediate;

    /// <summary>Memory operand: displacement (the absolute target for RIP-relative addresses).</summary>
    public ulong Displacement;

    /// <summary>The handler chosen at decode time (a specialized form, or the generic dispatcher).</summary>
    public delegate*<X86Cpu, ref DecodedInstruction, void> Run;

    /// <summary>Mode and decode generation the slot was decoded in.</summary>
    public uint Key;

    /// <summary>GPR descriptors (X86Cpu register info) of register operands 0 and 1.</summary>
    public ushort Reg0;
    public ushort Reg1;

    /// <summary>Bytes the instruction adds to the stack pointer (negative for pushes).</summary>
    public short StackDelta;

    /// <summary>64 minus the address size in bits.</summary>
    public byte AddressShift;
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

    /// <summary>Memory operand: base and index GPR numbers (16, the zero element, when absent), scale shift, segment number.</summary>
    public byte Base;
    public byte Index;
    public byte ScaleShift;
    public byte Segment;

    /// <summary>The memory operand's linear address is its effective address (64-bit mode, segment without a base).</summary>
    public bool Flat;

    /// <summary>Mask of the address size.</summary>
    public readonly ulong AddressMask => ulong.MaxValue >> AddressShift;
}
