namespace KjTest.Dsl.Values;

/// <summary>
/// Sizes such as <c>4096</c>, <c>0x1000</c>, <c>64KiB</c>, <c>2MiB</c>, <c>16GiB</c>; the kernel's
/// <c>K</c>/<c>M</c>/<c>G</c>/<c>T</c> suffixes mean the same binary units.
/// </summary>
public static class SizeSyntax
{
    /// <summary>The accepted units and their multipliers.</summary>
    public static IReadOnlyDictionary<string, ulong> Units { get; } = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase)
    {
        ["B"] = 1,
        ["KiB"] = 1ul << 10, ["K"] = 1ul << 10,
        ["MiB"] = 1ul << 20, ["M"] = 1ul << 20,
        ["GiB"] = 1ul << 30, ["G"] = 1ul << 30,
        ["TiB"] = 1ul << 40, ["T"] = 1ul << 40,
        ["PiB"] = 1ul << 50, ["P"] = 1ul << 50,
        ["EiB"] = 1ul << 60, ["E"] = 1ul << 60,
    };

    /// <summary>The outcome of parsing a size.</summary>
    public enum Result
    {
        /// <summary>Parsed.</summary>
        Ok,

        /// <summary>Not a size at all.</summary>
        Invalid,

        /// <summary>The unit is unknown.</summary>
        UnknownUnit,

        /// <summary>Larger than 2^64 - 1 bytes.</summary>
        TooLarge,
    }

    /// <summary>Parses a size in bytes.</summary>
    public static Result TryParse(string text, out ulong value, out string unit)
    {
        value = 0;
        unit = "";
        var s = text.Trim();
        var split = s.Length;
        while (split > 0 && char.IsAsciiLetter(s[split - 1]))
        {
            split--;
        }

        // Hex digits end in letters: 0x1000 has no unit, 0xffB would be ambiguous and is read as hex.
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            split = s.Length;
            var space = s.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                split = space;
            }
        }

        var number = s[..split].TrimEnd();
        unit = s[split..].Trim();
        if (!NumberSyntax.TryParse(number, out var n, out var overflow))
        {
            return overflow ? Result.TooLarge : Result.Invalid;
        }

        var multiplier = 1ul;
        if (unit.Length > 0 && !Units.TryGetValue(unit, out multiplier))
        {
            return Result.UnknownUnit;
        }

        if (n > ulong.MaxValue)
        {
            return Result.TooLarge;
        }

        // Both factors are below 2^64, so the product cannot overflow 128 bits.
        var total = n * multiplier;
        if (total > ulong.MaxValue)
        {
            return Result.TooLarge;
        }

        value = (ulong)total;
        return Result.Ok;
    }

    /// <summary>Formats a size with the largest binary unit that divides it exactly.</summary>
    public static string Format(ulong value)
    {
        string[] units = ["EiB", "PiB", "TiB", "GiB", "MiB", "KiB"];
        for (var i = 0; i < units.Length; i++)
        {
            var m = 1ul << (60 - (10 * i));
            if (value != 0 && value % m == 0)
            {
                return $"{value / m}{units[i]}";
            }
        }

        return NumberSyntax.Format(value);
    }
}
