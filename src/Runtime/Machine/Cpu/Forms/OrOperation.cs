using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>OR.</summary>
internal readonly struct OrOperation : IAluOperation
{
    public static bool WritesResult => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize
    {
        var r = a | b;
        c.SetLazy(LazyOp.Logic, 0, 0, r, TSize.Bytes);
        return r;
    }
}
