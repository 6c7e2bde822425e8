using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>SAR.</summary>
internal readonly struct SarOperation : IShiftOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, int count)
        where TSize : struct, IOperandSize
    {
        var unused = 64 - (TSize.Bytes * 8);
        var signed = (long)(a << unused) >> unused;
        var r = (ulong)(signed >> count) & TSize.Mask;
        c.SetLazyShift(r, TSize.Bytes, ((signed >> (count - 1)) & 1) != 0, false);
        return r;
    }
}
