using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>TEST: AND without writing the result.</summary>
internal readonly struct TestOperation : IAluOperation
{
    public static bool WritesResult => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TSize>(X86Cpu c, ulong a, ulong b)
        where TSize : struct, IOperandSize => AndOperation.Apply<TSize>(c, a, b);
}
