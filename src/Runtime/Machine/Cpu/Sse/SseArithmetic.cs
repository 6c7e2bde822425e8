namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>
/// Exact IEEE arithmetic on one lane as SSE does it (SDM vol. 1, 4.8 and 11.5): NaN operands by x86's rule (the first
/// source's NaN, quieted, else the second's), the negative default NaN for invalid operations, DAZ on operands, and one
/// rounding by <see cref="SseRounder"/>.
/// </summary>
internal static class SseArithmetic
{
    /// <summary>Applies DAZ, or raises the denormal-operand flag, for a lane operand that is not a NaN.</summary>
    public static ulong Screen(ulong x, SseFormat f, ref SseContext ctx)
    {
        if (!f.IsDenormal(x))
        {
            return x;
        }

        if (ctx.DenormalsAreZeros)
        {
            return x & f.SignBit;
        }

        ctx.Raise(MxcsrBits.Denormal);
        return x;
    }

    /// <summary>The result of a two-operand operation with a NaN operand, or null when neither is a NaN.</summary>
    public static ulong? PropagateNaN(ulong a, ulong b, SseFormat f, ref SseContext ctx)
    {
        var aNaN = f.IsNaN(a);
        var bNaN = f.IsNaN(b);
        if (!aNaN && !bNaN)
        {
            return null;
        }

        if (f.IsSignalling(a) || f.IsSignalling(b))
        {
            ctx.Raise(MxcsrBits.Invalid);
        }

        return f.Quiet(aNaN ? a : b);
    }

    public static ulong Add(ulong a, ulong b, SseFormat f, ref SseContext ctx) => Sum(a, b, negateB: false, f, ref ctx);

    public static ulong Subtract(ulong a, ulong b, SseFormat f, ref SseContext ctx) => Sum(a, b, negateB: true, f, ref ctx);

    public static ulong Multiply(ulong a, ulong b, SseFormat f, ref SseContext ctx)
    {
        if (PropagateNaN(a, b, f, ref ctx) is { } nan)
        {
            return nan;
        }

        a = Screen(a, f, ref ctx);
        b = Screen(b, f, ref ctx);
        var sign = (a ^ b) & f.SignBit;
        if (f.IsInfinity(a) || f.IsInfinity(b))
        {
            if (f.IsZero(a) || f.IsZero(b))
            {
                return Invalid(f, ref ctx);
            }

            return sign | f.Infinity;
        }

        if (f.IsZero(a) || f.IsZero(b))
        {
            return sign;
        }

        var (ma, ea) = f.Unpack(a);
        var (mb, eb) = f.Unpack(b);
        return SseRounder.Round(sign != 0, (UInt128)ma * mb, ea + eb, false, f, ref ctx);
    }

    public static ulong Divide(ulong a, ulong b, SseFormat f, ref SseContext ctx)
    {
        if (PropagateNaN(a, b, f, ref ctx) is { } nan)
        {
            return nan;
        }

        var sign = (a ^ b) & f.SignBit;
        if (f.IsZero(b) || (f.IsDenormal(b) && ctx.DenormalsAreZeros))
        {
            // Division by zero outranks a denormal dividend: the host reports no denormal flag for it.
            var dividend = f.IsDenormal(a) && ctx.DenormalsAreZeros ? a & f.SignBit : a;
            if (f.IsZero(dividend))
            {
                return Invalid(f, ref ctx);
            }

            if (!f.IsInfinity(dividend))
            {
                ctx.Raise(MxcsrBits.ZeroDivide);
            }

            return sign | f.Infinity;
        }

        a = Screen(a, f, ref ctx);
        b = Screen(b, f, ref ctx);
        if (f.IsInfinity(a))
        {
            return f.IsInfinity(b) ? Invalid(f, ref ctx) : sign | f.Infinity;
        }

        if (f.IsInfinity(b))
        {
            return sign;
        }

        if (f.IsZero(a))
        {
            return sign;
        }

        var (ma, ea) = f.Unpack(a);
        var (mb, eb) = f.Unpack(b);
        var za = System.Numerics.BitOperations.LeadingZeroCount(ma);
        var zb = System.Numerics.BitOperations.LeadingZeroCount(mb);
        var numerator = (UInt128)(ma << za) << 64;
        var divisor = (UInt128)(mb << zb);
        var quotient = numerator / divisor;
        var remainder = numerator - (quotient * divisor);
        return SseRounder.Round(sign != 0, quotient, ea - za - (eb - zb) - 64, remainder != 0, f, ref ctx);
    }

    public static ulong SquareRoot(ulong a, SseFormat f, ref SseContext ctx)
    {
        if (f.IsNaN(a))
        {
            if (f.IsSignalling(a))
            {
                ctx.Raise(MxcsrBits.Invalid);
            }

            return f.Quiet(a);
        }

        // A negative operand is invalid before it is screened: the host gives no denormal flag for -denormal.
        if (f.IsNegative(a) && !f.IsZero(a) && !(f.IsDenormal(a) && ctx.DenormalsAreZeros))
        {
            return Invalid(f, ref ctx);
        }

        a = Screen(a, f, ref ctx);
        if (f.IsZero(a))
        {
            return a;
        }

        if (f.IsInfinity(a))
        {
            return a;
        }

        var (m, e) = f.Unpack(a);
        UInt128 wide = m;
        if ((e & 1) != 0)
        {
            wide <<= 1;
            e--;
        }

        // Room for a root of more than 60 bits: the radicand's top bit at 120 or 121.
        var shift = (120 - (127 - (int)UInt128.LeadingZeroCount(wide))) & ~1;
        wide <<= shift;
        var (root, rest) = IntegerSquareRoot(wide);
        return SseRounder.Round(false, root, (e - shift) / 2, rest != 0, f, ref ctx);
    }

    /// <summary>MINSS and its kin: a NaN in either operand (quiet or not) is invalid and gives the second operand, as do two zeros.</summary>
    public static ulong Minimum(ulong a, ulong b, SseFormat f, ref SseContext ctx) => Select(a, b, f, ref ctx, takeFirstWhenLess: true);

    public static ulong Maximum(ulong a, ulong b, SseFormat f, ref SseContext ctx) => Select(a, b, f, ref ctx, takeFirstWhenLess: false);

    /// <summary>Orders two lanes; a NaN is unordered and invalid when signalling, or for any NaN when <paramref name="quietSignals"/>.</summary>
    public static SseOrdering Compare(ulong a, ulong b, SseFormat f, ref SseContext ctx, bool quietSignals)
    {
        if (f.IsNaN(a) || f.IsNaN(b))
        {
            if (quietSignals || f.IsSignalling(a) || f.IsSignalling(b))
            {
                ctx.Raise(MxcsrBits.Invalid);
            }

            return SseOrdering.Unordered;
        }

        a = Screen(a, f, ref ctx);
        b = Screen(b, f, ref ctx);
        var ka = Key(a, f);
        var kb = Key(b, f);
        return ka < kb ? SseOrdering.Less : ka > kb ? SseOrdering.Greater : SseOrdering.Equal;
    }

    public static ulong Invalid(SseFormat f, ref SseContext ctx)
    {
        ctx.Raise(MxcsrBits.Invalid);
        return f.DefaultNaN;
    }

    private static ulong Select(ulong a, ulong b, SseFormat f, ref SseContext ctx, bool takeFirstWhenLess)
    {
        if (f.IsNaN(a) || f.IsNaN(b))
        {
            ctx.Raise(MxcsrBits.Invalid);
            return f.IsDenormal(b) && ctx.DenormalsAreZeros ? b & f.SignBit : b;
        }

        var sa = Screen(a, f, ref ctx);
        var sb = Screen(b, f, ref ctx);
        var ka = Key(sa, f);
        var kb = Key(sb, f);
        if (ka == kb)
        {
            return sb;
        }

        return (ka < kb) == takeFirstWhenLess ? sa : sb;
    }

    // A total order on non-NaN values in which the two zeros are equal.
    private static long Key(ulong x, SseFormat f)
    {
        var magnitude = (long)(x & ~f.SignBit & f.Mask);
        return f.IsNegative(x) ? -magnitude : magnitude;
    }

    private static ulong Sum(ulong a, ulong b, bool negateB, SseFormat f, ref SseContext ctx)
    {
        if (PropagateNaN(a, b, f, ref ctx) is { } nan)
        {
            return nan;
        }

        a = Screen(a, f, ref ctx);
        b = Screen(b, f, ref ctx);
        if (negateB)
        {
            b ^= f.SignBit;
        }

        var aInf = f.IsInfinity(a);
        var bInf = f.IsInfinity(b);
        if (aInf || bInf)
        {
            if (aInf && bInf && ((a ^ b) & f.SignBit) != 0)
            {
                return Invalid(f, ref ctx);
            }

            return aInf ? a : b;
        }

        var aZero = f.IsZero(a);
        var bZero = f.IsZero(b);
        if (aZero && bZero)
        {
            // Two zeros of unlike sign give +0, or -0 rounding down.
            return (a & b & f.SignBit) | (((a ^ b) & f.SignBit) != 0 && ctx.Rounding == SseRounding.Down ? f.SignBit : 0);
        }

        if (aZero || bZero)
        {
            var only = aZero ? b : a;
            var (m, e) = f.Unpack(only);
            return SseRounder.Round(f.IsNegative(only), m, e, false, f, ref ctx);
        }

        var (ma, ea) = f.Unpack(a);
        var (mb, eb) = f.Unpack(b);
        var na = f.IsNegative(a);
        var nb = f.IsNegative(b);
        if (ea < eb || (ea == eb && ma < mb))
        {
            (ma, ea, na, mb, eb, nb) = (mb, eb, nb, ma, ea, na);
        }

        // Past 70 bits of alignment the smaller operand only matters as a sticky bit below the rounding point.
        const int Reach = 70;
        UInt128 wa, wb;
        int exponent;
        if (ea - eb > Reach)
        {
            wa = (UInt128)ma << Reach;
            wb = 1;
            exponent = ea - Reach;
        }
        else
        {
            wa = (UInt128)ma << (ea - eb);
            wb = mb;
            exponent = eb;
        }

        if (na == nb)
        {
            return SseRounder.Round(na, wa + wb, exponent, false, f, ref ctx);
        }

        var difference = wa - wb;
        if (difference == 0)
        {
            return ctx.Rounding == SseRounding.Down ? f.SignBit : 0;
        }

        return SseRounder.Round(na, difference, exponent, false, f, ref ctx);
    }

    private static (UInt128 Root, UInt128 Remainder) IntegerSquareRoot(UInt128 n)
    {
        UInt128 rest = n;
        UInt128 root = 0;
        var bit = UInt128.One << 126;
        while (bit > n)
        {
            bit >>= 2;
        }

        while (bit != 0)
        {
            if (rest >= root + bit)
            {
                rest -= root + bit;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }

            bit >>= 2;
        }

        return (root, rest);
    }
}
