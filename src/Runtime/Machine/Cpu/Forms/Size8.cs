using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>8-bit memory operands (registers of this size are read through their register descriptors, which know AH-BH).</summary>
internal readonly struct Size8 : IOperandSize
{
    public static int Bytes => 1;

    public static ulong Mask => 0xFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(X86Cpu c, int index) => (byte)c.Gpr[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(X86Cpu c, int index, ulong value) => c.Gpr[index] = (c.Gpr[index] & ~0xFFUL) | (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(X86Cpu c, ulong linear) => c.Read8(linear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(X86Cpu c, ulong linear, ulong value) => c.Write8(linear, (byte)value);
}
