namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>A shift known at JIT time; it leaves the flags lazily defined.</summary>
internal interface IShiftOperation
{
    /// <summary>Shifts <paramref name="a"/> by a masked, non-zero <paramref name="count"/> at size <typeparamref name="TSize"/>.</summary>
    static abstract ulong Apply<TSize>(X86Cpu c, ulong a, int count)
        where TSize : struct, IOperandSize;
}
