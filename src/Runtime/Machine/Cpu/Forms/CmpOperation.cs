using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>CMP.</summary>
internal readonly struct CmpOperation : IAluOperation
{
    public static bool WritesResult => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize
    {
        var r = (a - b) & TSize.Mask;
        c.SetLazy(LazyOp.Sub, a, b, r, TSize.Bytes);
        return r;
    }
}
