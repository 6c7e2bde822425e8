namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>
/// Deterministic inputs for the SSE oracle, drawn from the classes that matter: zeros, denormals, the normal bounds,
/// infinities, quiet and signalling NaNs with payloads, halfway cases (an operand half an ulp of the other), values
/// near integer bounds, large and small exponents; under every rounding mode, DAZ and FTZ, and exception masks.
/// </summary>
internal static class SseVectorGenerator
{
    private static readonly uint[] SingleClasses =
    [
        0, 0x8000_0000, 1, 0x8000_0001, 0x007F_FFFF, 0x0040_0000, 0x0080_0000, 0x0080_0001, 0x8080_0000, 0x3F80_0000, 0xBF80_0000,
        0x3FC0_0000, 0x3F00_0000, 0x4020_0000, 0x7F7F_FFFF, 0xFF7F_FFFF, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000,
        0x7FC1_2345, 0x7F80_0001, 0x7FA0_0000, 0xFF81_2345, 0x4B00_0000, 0x4F00_0000, 0xCF00_0000, 0x5F00_0000, 0xDF00_0000,
        0x33800000, 0x3400_0000, 0x0D80_0000, 0x4EFF_FFFF, 0xCF00_0001,
    ];

    private static readonly ulong[] DoubleClasses =
    [
        0, 0x8000_0000_0000_0000, 1, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF, 0x0008_0000_0000_0000, 0x0010_0000_0000_0000,
        0x0010_0000_0000_0001, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FF8_0000_0000_0000, 0x3FE0_0000_0000_0000,
        0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000,
        0xFFF8_0000_0000_0000, 0x7FF8_1234_5678_9ABC, 0x7FF0_0000_0000_0001, 0x7FF4_0000_0000_0000, 0xFFF1_2345_6789_ABCD,
        0x41E0_0000_0000_0000, 0xC1E0_0000_0000_0000, 0x41DF_FFFF_FFC0_0000, 0xC1E0_0000_0020_0000, 0x43E0_0000_0000_0000,
        0xC3E0_0000_0000_0000, 0x3CA0_0000_0000_0000, 0x3690_0000_0000_0000, 0x36A0_0000_0000_0000, 0x47EF_FFFF_E000_0000,
        0x3810_0000_0000_0000, 0x380F_FFFF_F000_0000,
    ];

    public static IEnumerable<SseOracleCase> Cases(SseOracleOp op, int count, int seed)
    {
        var random = new Random(unchecked((seed * 1_000_003) + StableHash(op.Name)));
        for (var n = 0; n < count; n++)
        {
            var mxcsr = Mxcsr(random);
            var (x0, x1) = op.Source switch
            {
                SseOracleInput.Single => Pair(random, 32),
                SseOracleInput.Double => Pair(random, 64),
                SseOracleInput.Int32Lanes => (Lanes(random, op.DoubleDestination ? 64 : 32, null), IntegerLanes(random)),
                _ => (Lanes(random, op.DoubleDestination ? 64 : 32, null), UInt128.Zero),
            };
            var rax = op.Source == SseOracleInput.Gpr ? Integer(random) : (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            yield return new SseOracleCase(op, mxcsr, x0, x1, rax);
        }
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var ch in s)
        {
            h = unchecked((h * 31) + ch);
        }

        return h;
    }

    private static uint Mxcsr(Random random)
    {
        var masks = random.Next(4) switch
        {
            0 or 1 => 0x3Fu,
            2 => 0u,
            _ => (uint)random.Next(64),
        };
        var flags = random.Next(4) == 0 ? (uint)random.Next(64) : 0u;
        var daz = random.Next(3) == 0 ? 0x40u : 0;
        var ftz = random.Next(3) == 0 ? 0x8000u : 0;
        return flags | daz | (masks << 7) | ((uint)random.Next(4) << 13) | ftz;
    }

    private static (UInt128, UInt128) Pair(Random random, int width)
    {
        var a = Lanes(random, width, null);
        return (a, Lanes(random, width, a));
    }

    private static UInt128 Lanes(Random random, int width, UInt128? partner)
    {
        var r = UInt128.Zero;
        for (var k = 0; k < 128 / width; k++)
        {
            ulong? other = partner is { } p ? (ulong)(p >> (k * width)) & (width == 64 ? ulong.MaxValue : 0xFFFF_FFFF) : null;
            r |= (UInt128)Value(random, width, other) << (k * width);
        }

        return r;
    }

    private static ulong Value(Random random, int width, ulong? other)
    {
        var fractionBits = width == 64 ? 52 : 23;
        var exponentMax = width == 64 ? 0x7FF : 0xFF;
        var bias = exponentMax >> 1;
        var sign = random.Next(2) == 0 ? 0 : 1UL << (width - 1);
        var fraction = ((ulong)random.NextInt64() ^ ((ulong)random.Next() << 62)) & ((1UL << fractionBits) - 1);
        ulong Make(int exponent) => sign | ((ulong)Math.Clamp(exponent, 0, exponentMax) << fractionBits) | fraction;
        var otherExponent = other is { } o ? (int)((o >> fractionBits) & (ulong)exponentMax) : bias;
        switch (random.Next(other is null ? 7 : 9))
        {
            case 0 or 1:
                return width == 64 ? DoubleClasses[random.Next(DoubleClasses.Length)] : SingleClasses[random.Next(SingleClasses.Length)];
            case 2:
                return ((ulong)random.NextInt64() ^ ((ulong)random.Next() << 62)) & (width == 64 ? ulong.MaxValue : 0xFFFF_FFFF);
            case 3:
                return Make(bias + random.Next(-40, 41));
            case 4:
                return Make(random.Next(0, 4));
            case 5:
                return Make(exponentMax - 1 - random.Next(3));
            case 6:
                // Near integer bounds: exponents that give 0 to 64 integer bits, few fraction bits set.
                fraction &= ~((1UL << random.Next(fractionBits)) - 1);
                return Make(bias + random.Next(-2, 66));
            case 7:
                // Half an ulp of the other operand (and around it): ties for every rounding mode.
                fraction = random.Next(2) == 0 ? 0 : fraction & 7;
                return Make(otherExponent - (fractionBits + 1) + random.Next(-1, 2));
            default:
                // Same binade as the other operand: cancellation and close quotients.
                return Make(otherExponent + random.Next(-1, 2));
        }
    }

    private static UInt128 IntegerLanes(Random random)
    {
        var r = UInt128.Zero;
        for (var k = 0; k < 4; k++)
        {
            r |= (UInt128)(uint)Integer(random) << (k * 32);
        }

        return r;
    }

    private static ulong Integer(Random random) => random.Next(4) switch
    {
        0 => (ulong)random.Next(-1000, 1000),
        1 => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 62),
        2 => (ulong)(1L << random.Next(64)) + (ulong)random.Next(-2, 3),
        _ => (ulong)(int)random.NextInt64(),
    };
}
