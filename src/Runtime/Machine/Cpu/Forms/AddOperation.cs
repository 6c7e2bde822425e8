using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>ADD.</summary>
internal readonly struct AddOperation : IAluOperation
{
    public static bool WritesResult => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize
    {
        var r = (a + b) & TSize.Mask;
        c.SetLazy(LazyOp.Add, a, b, r, TSize.Bytes);
        return r;
    }
}
