namespace KjTest.VectorGen;

/// <summary>Seeded operand values biased towards the edges where flag logic breaks.</summary>
internal sealed class ValuePicker(Random random)
{
    public Random Random { get; } = random;

    public static ulong Mask(int bits) => bits >= 64 ? ulong.MaxValue : (1ul << bits) - 1;

    public ulong Any64() => (ulong)Random.NextInt64() ^ ((ulong)Random.Next(2) << 63);

    /// <summary>A value of <paramref name="bits"/> width: 0, 1, -1, sign boundaries, small, or random.</summary>
    public ulong Edge(int bits)
    {
        var mask = Mask(bits);
        var sign = 1ul << (bits - 1);
        return Random.Next(16) switch
        {
            0 => 0,
            1 => 1,
            2 => mask,
            3 => sign,
            4 => sign - 1,
            5 => sign + 1,
            6 => mask - 1,
            7 => 2,
            8 => (ulong)Random.Next(256) & mask,
            9 => (mask - (ulong)Random.Next(256)) & mask,
            10 => (1ul << Random.Next(bits)) & mask,
            _ => Any64() & mask,
        };
    }

    /// <summary>A full register whose low <paramref name="bits"/> are an edge value and whose upper bits are noise.</summary>
    public ulong Register(int bits) => bits >= 64 ? Edge(64) : (Any64() & ~Mask(bits)) | Edge(bits);

    /// <summary>A shift or rotate count: 0, 1, the operand-size edges, or random.</summary>
    public byte ShiftCount(int bits) => (byte)(Random.Next(12) switch
    {
        0 => 0,
        1 => 1,
        2 => bits - 1,
        3 => bits,
        4 => bits + 1,
        5 => 31,
        6 => 32,
        7 => 63,
        8 => 64,
        9 => Random.Next(256),
        _ => Random.Next(2, Math.Max(3, bits - 1)),
    });
}
