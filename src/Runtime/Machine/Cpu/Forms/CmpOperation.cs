using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>CMP: SUB without writing the result.</summary>
internal readonly struct CmpOperation : IAluOperation
{
    public static bool WritesResult => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize => SubOperation.Apply<TSize>(c, a, b);
}
