using System.Globalization;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>
/// Parses bytes written as hex text: <c>48 89 c3</c>, <c>4889c3</c>, <c>0x48,0x89</c>. Whitespace,
/// newlines, commas, underscores and colons separate runs of digits; each run (after an optional
/// <c>0x</c>) must have an even number of digits and gives its bytes in the order written.
/// <c>;</c> and <c>#</c> start comments that run to the end of the line.
/// </summary>
public static class HexBytes
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="map"/> turns (1-based line, 1-based column, length) into a file span.</summary>
    public static ImageBytesResult Parse(string text, Func<int, int, int, SourceSpan> map)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(map);
        var bytes = new List<byte>();
        var diagnostics = new DiagnosticBag();
        var line = 1;
        var lineStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                i++;
            }
            else if (c is ' ' or '\t' or '\r' or ',' or '_' or ':')
            {
                i++;
            }
            else if (c is ';' or '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (Uri.IsHexDigit(c))
            {
                var start = i;
                var digitsStart = i;
                if (c == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X')
                {
                    digitsStart = i + 2;
                }

                var end = digitsStart;
                while (end < text.Length && Uri.IsHexDigit(text[end]))
                {
                    end++;
                }

                var column = start - lineStart + 1;
                var digits = end - digitsStart;
                if (end < text.Length && !IsSeparator(text[end]))
                {
                    // A letter glued to the run, such as "4g", is reported where it stands.
                    diagnostics.Report(DiagnosticCatalogue.HexBadCharacter, map(line, end - lineStart + 1, 1), text[end]);
                    while (end < text.Length && !IsSeparator(text[end]))
                    {
                        end++;
                    }
                }
                else if (digits == 0 || digits % 2 != 0)
                {
                    diagnostics.Report(DiagnosticCatalogue.HexOddDigits, map(line, column, end - start), text[start..end]);
                }
                else
                {
                    for (var d = digitsStart; d < end; d += 2)
                    {
                        bytes.Add(byte.Parse(text.AsSpan(d, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    }
                }

                i = end;
            }
            else
            {
                diagnostics.Report(DiagnosticCatalogue.HexBadCharacter, map(line, i - lineStart + 1, 1), c);
                i++;
            }
        }

        if (!diagnostics.HasErrors && bytes.Count == 0)
        {
            diagnostics.Report(DiagnosticCatalogue.HexEmpty, map(1, 1, 0));
        }

        return new ImageBytesResult(diagnostics.HasErrors ? null : [.. bytes], diagnostics.Items);
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\r' or '\n' or ',' or '_' or ':' or ';' or '#';
}
