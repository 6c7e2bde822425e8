using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>16-bit operands (a register write keeps the upper 48 bits).</summary>
internal readonly struct Size16 : IOperandSize
{
    public static int Bytes => 2;

    public static ulong Mask => 0xFFFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(X86Cpu c, int index) => (ushort)c.Gpr[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(X86Cpu c, int index, ulong value) => c.Gpr[index] = (c.Gpr[index] & ~0xFFFFUL) | (ushort)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(X86Cpu c, ulong linear) => c.Read16(linear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(X86Cpu c, ulong linear, ulong value) => c.Write16(linear, (ushort)value);
}
