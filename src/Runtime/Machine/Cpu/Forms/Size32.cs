using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>32-bit operands.</summary>
internal readonly struct Size32 : IOperandSize
{
    public static int Bytes => 4;

    public static ulong Mask => 0xFFFF_FFFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(X86Cpu c, int index) => (uint)c.Gpr[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(X86Cpu c, int index, ulong value) => c.Gpr[index] = (uint)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(X86Cpu c, ulong linear) => c.Read32(linear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(X86Cpu c, ulong linear, ulong value) => c.Write32(linear, (uint)value);
}
