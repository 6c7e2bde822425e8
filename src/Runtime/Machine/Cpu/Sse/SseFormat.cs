namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>An IEEE 754 binary interchange format as SSE stores it in a lane: binary32 or binary64.</summary>
internal sealed class SseFormat
{
    private SseFormat(int width, int precision, int exponentBits)
    {
        Width = width;
        Precision = precision;
        FractionBits = precision - 1;
        Bias = (1 << (exponentBits - 1)) - 1;
        MaxBiased = (1 << exponentBits) - 1;
        SignBit = 1UL << (width - 1);
        FractionMask = (1UL << FractionBits) - 1;
        QuietBit = 1UL << (FractionBits - 1);
        Infinity = (ulong)MaxBiased << FractionBits;
        DefaultNaN = SignBit | Infinity | QuietBit;
        MaxFinite = Infinity - 1;
        Mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
    }

    public static SseFormat Single { get; } = new(32, 24, 8);

    public static SseFormat Double { get; } = new(64, 53, 11);

    public int Width { get; }

    /// <summary>Significand bits, the hidden one included.</summary>
    public int Precision { get; }

    public int FractionBits { get; }

    public int Bias { get; }

    public int MaxBiased { get; }

    public ulong SignBit { get; }

    public ulong FractionMask { get; }

    public ulong QuietBit { get; }

    public ulong Infinity { get; }

    /// <summary>The QNaN floating-point indefinite: negative, as x86 makes it.</summary>
    public ulong DefaultNaN { get; }

    public ulong MaxFinite { get; }

    public ulong Mask { get; }

    /// <summary>Unbiased exponent of the smallest normal number.</summary>
    public int Emin => 1 - Bias;

    public int Emax => Bias;

    public int BiasedExponent(ulong x) => (int)((x >> FractionBits) & (ulong)MaxBiased);

    public bool IsNaN(ulong x) => BiasedExponent(x) == MaxBiased && (x & FractionMask) != 0;

    public bool IsSignalling(ulong x) => IsNaN(x) && (x & QuietBit) == 0;

    public bool IsInfinity(ulong x) => (x & ~SignBit & Mask) == Infinity;

    public bool IsZero(ulong x) => (x & ~SignBit & Mask) == 0;

    public bool IsDenormal(ulong x) => BiasedExponent(x) == 0 && (x & FractionMask) != 0;

    public bool IsNegative(ulong x) => (x & SignBit) != 0;

    public ulong Quiet(ulong x) => x | QuietBit;

    /// <summary>A finite nonzero value as significand times two to the exponent.</summary>
    public (ulong Significand, int Exponent) Unpack(ulong x)
    {
        var biased = BiasedExponent(x);
        var fraction = x & FractionMask;
        return biased == 0 ? (fraction, Emin - FractionBits) : (fraction | (1UL << FractionBits), biased - Bias - FractionBits);
    }
}
