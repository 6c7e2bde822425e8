namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>
/// Rounds an exact result, significand times two to the exponent plus a sticky bit for anything below it, into a
/// format under MXCSR: one rounding, tininess detected after rounding (as x86 does), FTZ when underflow is masked,
/// and the masked overflow response of each rounding mode.
/// </summary>
internal static class SseRounder
{
    public static ulong Round(bool negative, UInt128 significand, int exponent, bool sticky, SseFormat f, ref SseContext ctx)
    {
        var sign = negative ? f.SignBit : 0;
        if (significand == 0)
        {
            // Only a sticky remainder: a value far below the smallest denormal.
            return RoundTiny(negative, sign, significand, exponent, sticky, f, ref ctx, sticky);
        }

        var top = exponent + 127 - (int)UInt128.LeadingZeroCount(significand);
        var p = f.Precision;

        // With an unbounded exponent first: that decides tininess and overflow.
        var (q, inexact) = RoundAt(significand, top - (p - 1) - exponent, sticky, ctx.Rounding, negative);
        var resultTop = top;
        if (q >> p != 0)
        {
            q >>= 1;
            resultTop++;
        }

        if (resultTop < f.Emin)
        {
            return RoundTiny(negative, sign, significand, exponent, sticky, f, ref ctx, inexact);
        }

        if (resultTop > f.Emax)
        {
            // Unmasked, the fault carries the precision flag only if the result was inexact at an unbounded exponent.
            ctx.Raise(ctx.Masked(MxcsrBits.Overflow) || inexact ? MxcsrBits.Overflow | MxcsrBits.Precision : MxcsrBits.Overflow);
            var toInfinity = ctx.Rounding switch
            {
                SseRounding.Nearest => true,
                SseRounding.Down => negative,
                SseRounding.Up => !negative,
                _ => false,
            };
            return sign | (toInfinity ? f.Infinity : f.MaxFinite);
        }

        if (inexact)
        {
            ctx.Raise(MxcsrBits.Precision);
        }

        return sign | ((ulong)(resultTop + f.Bias) << f.FractionBits) | ((ulong)q & f.FractionMask);
    }

    private static ulong RoundTiny(bool negative, ulong sign, UInt128 significand, int exponent, bool sticky, SseFormat f, ref SseContext ctx, bool inexactUnbounded)
    {
        var lsb = f.Emin - f.FractionBits;
        var (q, inexact) = significand == 0
            ? RoundAt(0, 0, sticky, ctx.Rounding, negative)
            : RoundAt(significand, lsb - exponent, sticky, ctx.Rounding, negative);
        if (!ctx.Masked(MxcsrBits.Underflow))
        {
            // Unmasked: tininess alone is the exception, exact or not; precision as at an unbounded exponent.
            ctx.Raise(inexactUnbounded ? MxcsrBits.Underflow | MxcsrBits.Precision : MxcsrBits.Underflow);
            return sign | (ulong)q;
        }

        if (ctx.FlushToZero)
        {
            ctx.Raise(MxcsrBits.Underflow | MxcsrBits.Precision);
            return sign;
        }

        if (inexact)
        {
            ctx.Raise(MxcsrBits.Underflow | MxcsrBits.Precision);
        }

        // A carry out of the denormal range lands on the smallest normal, which the encoding gives by itself.
        return sign | (ulong)q;
    }

    /// <summary>Drops the low <paramref name="shift"/> bits by the rounding mode; sticky stands for bits below all of them.</summary>
    public static (UInt128 Value, bool Inexact) RoundAt(UInt128 m, int shift, bool sticky, SseRounding rounding, bool negative)
    {
        UInt128 q;
        bool half, below;
        if (shift <= 0)
        {
            q = shift < -127 ? 0 : m << -shift;
            half = false;
            below = sticky;
        }
        else if (shift > 128)
        {
            q = 0;
            half = false;
            below = m != 0 || sticky;
        }
        else if (shift == 128)
        {
            q = 0;
            half = (m >> 127) != 0;
            below = (m & (UInt128.MaxValue >> 1)) != 0 || sticky;
        }
        else
        {
            q = m >> shift;
            half = ((m >> (shift - 1)) & 1) != 0;
            below = (m & ((UInt128.One << (shift - 1)) - 1)) != 0 || sticky;
        }

        var inexact = half || below;
        var up = rounding switch
        {
            SseRounding.Nearest => half && (below || (q & 1) != 0),
            SseRounding.Down => inexact && negative,
            SseRounding.Up => inexact && !negative,
            _ => false,
        };
        return (up ? q + 1 : q, inexact);
    }
}
