using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>ADC.</summary>
internal readonly struct AdcOperation : IAluOperation
{
    public static bool WritesResult => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize
    {
        var carry = c.CarryFlag();
        var r = (a + b + (carry ? 1UL : 0)) & TSize.Mask;
        c.LazyCarry = carry;
        c.SetLazy(LazyOp.Adc, a, b, r, TSize.Bytes);
        return r;
    }
}
