using System.Globalization;

namespace KjTest.Dsl.Values;

/// <summary>
/// Numbers as scenarios write them: decimal, <c>0x</c> hexadecimal, <c>0b</c> binary or <c>0o</c> octal,
/// with <c>_</c> between digits, up to 128 bits. Both front ends use this one parser.
/// </summary>
public static class NumberSyntax
{
    /// <summary>Parses an unsigned number; false when the text is not a number or exceeds 128 bits.</summary>
    public static bool TryParse(string text, out UInt128 value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        var radix = 10;
        if (s.Length > 2 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': radix = 16; s = s[2..]; break;
                case 'b': radix = 2; s = s[2..]; break;
                case 'o': radix = 8; s = s[2..]; break;
            }
        }

        if (s.Length == 0 || s[0] == '_' || s[^1] == '_')
        {
            return false;
        }

        UInt128 result = 0;
        var previousUnderscore = false;
        foreach (var c in s)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                {
                    return false;
                }

                previousUnderscore = true;
                continue;
            }

            previousUnderscore = false;
            var digit = DigitValue(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            if (result > (UInt128.MaxValue - (UInt128)digit) / (UInt128)radix)
            {
                overflow = true;
                return false;
            }

            result = (result * (UInt128)radix) + (UInt128)digit;
        }

        value = result;
        return true;
    }

    /// <summary>Parses a signed 64-bit number (a leading <c>-</c> allowed).</summary>
    public static bool TryParseSigned(string text, out long value)
    {
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative)
        {
            s = s[1..];
        }

        value = 0;
        if (!TryParse(s, out var magnitude, out _) || magnitude > (UInt128)long.MaxValue + (negative ? 1u : 0u))
        {
            return false;
        }

        value = negative ? (long)(0 - (ulong)magnitude) : (long)(ulong)magnitude;
        return true;
    }

    /// <summary>True when the text looks like an attempt at a number (starts with a digit).</summary>
    public static bool LooksNumeric(string text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1])));

    /// <summary>Formats a number the way the converters write it: small ones in decimal, others in hexadecimal.</summary>
    public static string Format(UInt128 value) =>
        value < 10 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
