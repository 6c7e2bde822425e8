namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>
/// The CVT* conversions on one lane: integer to float rounds by MXCSR.RC; float to integer rounds by RC or truncates,
/// and gives the integer indefinite (the most negative value) with an invalid flag for NaNs and values out of range;
/// float to float quiets NaNs keeping their payload's top bits.
/// </summary>
internal static class SseConvert
{
    public static ulong FromInteger(long value, SseFormat f, ref SseContext ctx)
    {
        if (value == 0)
        {
            return 0;
        }

        var negative = value < 0;
        var magnitude = negative ? (ulong)-(value + 1) + 1 : (ulong)value;
        return SseRounder.Round(negative, magnitude, 0, false, f, ref ctx);
    }

    /// <summary>To a signed integer of <paramref name="width"/> bits (32 or 64), zero-extended into the result.</summary>
    public static ulong ToInteger(ulong x, SseFormat f, int width, bool truncate, ref SseContext ctx)
    {
        var indefinite = 1UL << (width - 1);
        if (f.IsNaN(x) || f.IsInfinity(x))
        {
            ctx.Raise(MxcsrBits.Invalid);
            return indefinite;
        }

        // Conversions to integer apply DAZ but have no denormal-operand exception (SDM: CVTSS2SI, exceptions).
        if (f.IsDenormal(x) && ctx.DenormalsAreZeros)
        {
            return 0;
        }

        if (f.IsZero(x))
        {
            return 0;
        }

        var negative = f.IsNegative(x);
        var (m, e) = f.Unpack(x);
        UInt128 magnitude;
        bool inexact;
        if (e >= 0)
        {
            if (e > 64)
            {
                ctx.Raise(MxcsrBits.Invalid);
                return indefinite;
            }

            magnitude = (UInt128)m << e;
            inexact = false;
        }
        else
        {
            (magnitude, inexact) = SseRounder.RoundAt(m, -e, false, truncate ? SseRounding.TowardZero : ctx.Rounding, negative);
        }

        var limit = (UInt128)1 << (width - 1);
        if (negative ? magnitude > limit : magnitude >= limit)
        {
            ctx.Raise(MxcsrBits.Invalid);
            return indefinite;
        }

        if (inexact)
        {
            ctx.Raise(MxcsrBits.Precision);
        }

        var result = negative ? (ulong)(-(long)(ulong)magnitude) : (ulong)magnitude;
        return width == 64 ? result : result & 0xFFFF_FFFF;
    }

    public static ulong Format(ulong x, SseFormat from, SseFormat to, ref SseContext ctx)
    {
        var sign = from.IsNegative(x) ? to.SignBit : 0;
        if (from.IsNaN(x))
        {
            if (from.IsSignalling(x))
            {
                ctx.Raise(MxcsrBits.Invalid);
            }

            var fraction = x & from.FractionMask;
            fraction = to.FractionBits >= from.FractionBits ? fraction << (to.FractionBits - from.FractionBits) : fraction >> (from.FractionBits - to.FractionBits);
            return sign | to.Infinity | to.QuietBit | fraction;
        }

        x = SseArithmetic.Screen(x, from, ref ctx);
        if (from.IsInfinity(x))
        {
            return sign | to.Infinity;
        }

        if (from.IsZero(x))
        {
            return sign;
        }

        var (m, e) = from.Unpack(x);
        return SseRounder.Round(sign != 0, m, e, false, to, ref ctx);
    }
}
