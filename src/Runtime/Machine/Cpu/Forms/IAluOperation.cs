namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>A two-operand ALU operation known at JIT time; it leaves the flags lazily defined.</summary>
internal interface IAluOperation
{
    /// <summary>False for CMP and TEST, which only set flags.</summary>
    static abstract bool WritesResult { get; }

    /// <summary>Computes the result of <paramref name="a"/> and <paramref name="b"/> at size <typeparamref name="TSize"/> and defines the flags.</summary>
    static abstract ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize;
}
