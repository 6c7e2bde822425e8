using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>64-bit operands.</summary>
internal readonly struct Size64 : IOperandSize
{
    public static int Bytes => 8;

    public static ulong Mask => ulong.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(X86Cpu c, int index) => c.Gpr[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(X86Cpu c, int index, ulong value) => c.Gpr[index] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(X86Cpu c, ulong linear) => c.Read64(linear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(X86Cpu c, ulong linear, ulong value) => c.Write64(linear, value);
}
