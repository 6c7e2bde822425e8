using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>MOVSX and MOVSXD.</summary>
internal readonly struct SignExtension : IExtension
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extend<TSource>(ulong value)
        where TSource : struct, IOperandSize
    {
        var unused = 64 - (TSource.Bytes * 8);
        return (ulong)((long)(value << unused) >> unused);
    }
}
