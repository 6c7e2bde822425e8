using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>SHL (SAL).</summary>
internal readonly struct ShlOperation : IShiftOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, int count)
        where TSize : struct, IOperandSize
    {
        var bits = TSize.Bytes * 8;
        var r = (a << count) & TSize.Mask;
        var cf = ((a >> (bits - count)) & 1) != 0;
        c.SetLazyShift(r, TSize.Bytes, cf, ((r >> (bits - 1)) & 1) != 0 != cf);
        return r;
    }
}
