using System.Globalization;
using System.Numerics;
using System.Text;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images.Asm;

/// <summary>Splits one assembly line into tokens; <c>;</c> and <c>#</c> start comments.</summary>
internal static class AsmLexer
{
    public static List<AsmToken> Tokenize(string text, int line, AsmReporter reporter)
    {
        var tokens = new List<AsmToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is ';' or '#')
            {
                break;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                if (IsObjdumpAddress(text, i, word, out var value) || TryParseNumber(word, out value))
                {
                    tokens.Add(new AsmToken(AsmTokenKind.Number, word, start + 1, i - start, value, null));
                }
                else
                {
                    reporter.Report(DiagnosticCatalogue.AsmSyntax, line, start + 1, i - start, $"'{word}' is not a valid number");
                    tokens.Add(new AsmToken(AsmTokenKind.Number, word, start + 1, i - start, 0, null));
                }

                continue;
            }

            if (c == '$')
            {
                i += i + 1 < text.Length && text[i + 1] == '$' ? 2 : 1;
                tokens.Add(new AsmToken(AsmTokenKind.Identifier, text[start..i], start + 1, i - start, 0, null));
                continue;
            }

            if (char.IsAsciiLetter(c) || c is '_' or '.' or '?' or '@')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '?' or '@' or '$'))
                {
                    i++;
                }

                tokens.Add(new AsmToken(AsmTokenKind.Identifier, text[start..i], start + 1, i - start, 0, null));
                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                i++;
                while (i < text.Length && text[i] != c)
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    reporter.Report(DiagnosticCatalogue.AsmSyntax, line, start + 1, text.Length - start, "unterminated string");
                    break;
                }

                i++;
                var bytes = Encoding.UTF8.GetBytes(text[(start + 1)..(i - 1)]);
                ulong packed = 0;
                for (var b = Math.Min(bytes.Length, 8) - 1; b >= 0; b--)
                {
                    packed = (packed << 8) | bytes[b];
                }

                tokens.Add(new AsmToken(AsmTokenKind.String, text[start..i], start + 1, i - start, packed, bytes));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "<<" or ">>" or "//" or "%%")
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punctuation, two, start + 1, 2, 0, null));
                i += 2;
                continue;
            }

            if (c == '<' && text.IndexOf('>', i) is var close and > 0)
            {
                i = close + 1;
                continue;
            }

            if ("[](),+-*/%:&|^~!".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punctuation, c.ToString(), start + 1, 1, 0, null));
                i++;
                continue;
            }

            reporter.Report(DiagnosticCatalogue.AsmSyntax, line, start + 1, 1, $"unexpected character '{c}'");
            i++;
        }

        tokens.Add(new AsmToken(AsmTokenKind.End, "", text.Length + 1, 0, 0, null));
        return tokens;
    }

    /// <summary>objdump's <c>call 401126 &lt;foo&gt;</c>: a bare number before a <c>&lt;symbol&gt;</c> annotation is a hex address.</summary>
    private static bool IsObjdumpAddress(string text, int end, string word, out ulong value)
    {
        value = 0;
        var next = end;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        return next < text.Length - 1 && text[next] == '<' && text[next + 1] != '<' && text.IndexOf('>', next) > 0
            && word.All(char.IsAsciiHexDigit)
            && ulong.TryParse(word, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Numbers as NASM writes them: 0x/0h hex, 0b/0y binary, 0o/0q octal, h/b/o/d suffixes, underscores.</summary>
    public static bool TryParseNumber(string word, out ulong value)
    {
        value = 0;
        var s = word.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (s.Length == 0)
        {
            return false;
        }

        int radix;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'h')
        {
            (radix, s) = (16, s[2..]);
        }
        else if (s.EndsWith('h'))
        {
            (radix, s) = (16, s[..^1]);
        }
        else if (s.Length > 2 && s[0] == '0' && s[1] is 'b' or 'y')
        {
            (radix, s) = (2, s[2..]);
        }
        else if (s.Length > 2 && s[0] == '0' && s[1] is 'o' or 'q')
        {
            (radix, s) = (8, s[2..]);
        }
        else if (s.Length > 1 && s[^1] is 'b' or 'y' && s[..^1].All(ch => ch is '0' or '1'))
        {
            (radix, s) = (2, s[..^1]);
        }
        else if (s.Length > 1 && s[^1] is 'o' or 'q')
        {
            (radix, s) = (8, s[..^1]);
        }
        else if (s.Length > 1 && s[^1] == 'd')
        {
            (radix, s) = (10, s[..^1]);
        }
        else
        {
            radix = 10;
        }

        if (s.Length == 0)
        {
            return false;
        }

        BigInteger result = 0;
        foreach (var ch in s)
        {
            var digit = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            result = (result * radix) + digit;
            if (result > ulong.MaxValue)
            {
                return false;
            }
        }

        value = (ulong)result;
        return true;
    }

    /// <summary>Formats a value for messages: hex for large values, decimal for small ones.</summary>
    public static string Format(long value) =>
        value is >= -9 and <= 9 ? value.ToString(CultureInfo.InvariantCulture)
        : value < 0 ? "-0x" + ((ulong)(-(value + 1)) + 1).ToString("x", CultureInfo.InvariantCulture)
        : "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
