using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>MOVZX.</summary>
internal readonly struct ZeroExtension : IExtension
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extend<TSource>(ulong value)
        where TSource : struct, IOperandSize => value & TSource.Mask;
}
