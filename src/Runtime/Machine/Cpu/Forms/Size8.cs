using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>8-bit memory operands (registers of this size are read through their register descriptors, which know AH-BH).</summary>
internal readonly struct Size8 : IOperandSize
{
    public static int Bytes => 1;

    public static ulong Mask => 0xFF;

    /// <summary>Not by index: register numbers 4-7 mean SPL-DIL or AH-BH depending on REX, so byte registers go through their descriptors.</summary>
    public static ulong Read(X86Cpu c, int index) => throw new NotSupportedException("byte registers are read through their register descriptors");

    /// <summary>Not by index, as for <see cref="Read"/>.</summary>
    public static void Write(X86Cpu c, int index, ulong value) => throw new NotSupportedException("byte registers are written through their register descriptors");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(X86Cpu c, ulong linear) => c.Read8(linear);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(X86Cpu c, ulong linear, ulong value) => c.Write8(linear, (byte)value);
}
