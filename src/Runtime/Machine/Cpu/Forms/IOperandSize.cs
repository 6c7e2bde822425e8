namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>An operand size known at JIT time, so the specialized forms fold masks and register widths away.</summary>
internal interface IOperandSize
{
    /// <summary>Size in bytes.</summary>
    static abstract int Bytes { get; }

    /// <summary>Mask of the operand's bits.</summary>
    static abstract ulong Mask { get; }

    /// <summary>Reads general-purpose register <paramref name="index"/> at this size.</summary>
    static abstract ulong Read(X86Cpu c, int index);

    /// <summary>Writes general-purpose register <paramref name="index"/> at this size (a 32-bit write clears the upper half).</summary>
    static abstract void Write(X86Cpu c, int index, ulong value);

    /// <summary>Reads memory at a linear address.</summary>
    static abstract ulong Load(X86Cpu c, ulong linear);

    /// <summary>Writes memory at a linear address.</summary>
    static abstract void Store(X86Cpu c, ulong linear, ulong value);
}
