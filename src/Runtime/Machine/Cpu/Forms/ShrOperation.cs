using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>SHR.</summary>
internal readonly struct ShrOperation : IShiftOperation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, int count)
        where TSize : struct, IOperandSize
    {
        var r = a >> count;
        c.SetLazyShift(r, TSize.Bytes, ((a >> (count - 1)) & 1) != 0, ((a >> ((TSize.Bytes * 8) - 1)) & 1) != 0);
        return r;
    }
}
