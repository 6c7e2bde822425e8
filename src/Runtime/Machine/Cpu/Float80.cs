namespace KjTest.Runtime.Machine.Cpu;

/// <summary>An x87 register as its raw 80 bits: 64-bit significand and 16-bit sign/exponent.</summary>
/// <param name="Significand">Bits 0-63 (explicit integer bit at 63).</param>
/// <param name="SignExponent">Bits 64-79: sign at bit 15, biased exponent in bits 0-14.</param>
public readonly record struct Float80(ulong Significand, ushort SignExponent)
{
    /// <summary>+0.0.</summary>
    public static Float80 Zero => default;

    /// <summary>+1.0.</summary>
    public static Float80 One => new(1UL << 63, 0x3FFF);

    /// <summary>Converts a double exactly (every double is representable in 80 bits).</summary>
    public static Float80 FromDouble(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var sign = (ushort)((bits >> 48) & 0x8000);
        var exp = (int)((bits >> 52) & 0x7FF);
        var frac = bits & 0xF_FFFF_FFFF_FFFF;
        if (exp == 0x7FF)
        {
            return new Float80((1UL << 63) | (frac << 11), (ushort)(sign | 0x7FFF));
        }

        if (exp == 0)
        {
            if (frac == 0)
            {
                return new Float80(0, sign);
            }

            var shift = System.Numerics.BitOperations.LeadingZeroCount(frac) - 11;
            return new Float80(frac << (11 + shift), (ushort)(sign | (0x3FFF - 1022 - shift)));
        }

        return new Float80((1UL << 63) | (frac << 11), (ushort)(sign | (exp - 1023 + 0x3FFF)));
    }

    /// <summary>Converts a float exactly.</summary>
    public static Float80 FromSingle(float value) => FromDouble(value);

    /// <summary>Converts a signed integer exactly.</summary>
    public static Float80 FromInt64(long value)
    {
        if (value == 0)
        {
            return default;
        }

        var sign = value < 0 ? (ushort)0x8000 : (ushort)0;
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var lz = System.Numerics.BitOperations.LeadingZeroCount(magnitude);
        return new Float80(magnitude << lz, (ushort)(sign | (0x3FFF + 63 - lz)));
    }

    /// <summary>Rounds to the nearest double (ties to even); values outside the range become infinities.</summary>
    public double ToDouble()
    {
        var negative = (SignExponent & 0x8000) != 0;
        var exp = SignExponent & 0x7FFF;
        if (exp == 0x7FFF)
        {
            var nanOrInf = (Significand << 1) == 0 ? double.PositiveInfinity
                : BitConverter.UInt64BitsToDouble(0x7FF0_0000_0000_0000 | ((Significand << 1) >> 12) | (1UL << 51));
            return negative ? -nanOrInf : nanOrInf;
        }

        if (Significand == 0)
        {
            return negative ? -0.0 : 0.0;
        }

        var value = RoundToDouble(exp - 0x3FFF);
        return negative ? -value : value;
    }

    private double RoundToDouble(int unbiased)
    {
        var lz = System.Numerics.BitOperations.LeadingZeroCount(Significand);
        var topExponent = unbiased - lz;
        var keep = topExponent >= -1022 ? 53 : 53 - (-1022 - topExponent);
        var drop = 64 - lz - keep;
        if (drop <= 0)
        {
            return Math.ScaleB(Significand, unbiased - 63);
        }

        if (drop > 64)
        {
            return 0.0;
        }

        var kept = drop == 64 ? 0 : Significand >> drop;
        var rest = drop == 64 ? Significand : Significand & ((1UL << drop) - 1);
        var half = 1UL << (drop - 1);
        if (rest > half || (rest == half && (kept & 1) != 0))
        {
            kept++;
        }

        return Math.ScaleB(kept, unbiased - 63 + drop);
    }
}
