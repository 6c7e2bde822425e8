namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>
/// The control state one SSE instruction computes under, and the exceptions its lanes raise: pre-computation ones
/// (invalid, denormal, divide by zero) apart from post-computation ones (overflow, underflow, precision), because an
/// unmasked pre-computation exception stops the instruction before any result is computed (SDM vol. 1, 11.5.2).
/// </summary>
internal struct SseContext
{
    public SseContext(uint mxcsr)
    {
        Mxcsr = mxcsr;
        Rounding = (SseRounding)((mxcsr >> MxcsrBits.RoundingShift) & 3);
    }

    public uint Mxcsr { get; }

    public SseRounding Rounding { get; set; }

    public uint Pre { get; set; }

    public uint Post { get; set; }

    public readonly bool DenormalsAreZeros => (Mxcsr & MxcsrBits.DenormalsAreZeros) != 0;

    public readonly bool FlushToZero => (Mxcsr & MxcsrBits.FlushToZero) != 0;

    public readonly bool Masked(uint flag) => ((Mxcsr >> MxcsrBits.MaskShift) & flag) != 0;

    public void Raise(uint flag)
    {
        if ((flag & (MxcsrBits.Invalid | MxcsrBits.Denormal | MxcsrBits.ZeroDivide)) != 0)
        {
            Pre |= flag;
        }
        else
        {
            Post |= flag;
        }
    }
}
