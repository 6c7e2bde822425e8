namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>The fields of MXCSR (SDM vol. 1, 10.2.3).</summary>
internal static class MxcsrBits
{
    public const uint Invalid = 0x01;
    public const uint Denormal = 0x02;
    public const uint ZeroDivide = 0x04;
    public const uint Overflow = 0x08;
    public const uint Underflow = 0x10;
    public const uint Precision = 0x20;
    public const uint Flags = 0x3F;
    public const uint DenormalsAreZeros = 0x40;
    public const int MaskShift = 7;
    public const int RoundingShift = 13;
    public const uint FlushToZero = 0x8000;

    /// <summary>The bits a guest may set; LDMXCSR and FXRSTOR fault with #GP on any other.</summary>
    public const uint Writable = 0xFFFF;
}
