using System.Globalization;
using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Text;

/// <summary>
/// Turns the raw text of a string token into its value, remembering where each line of the value
/// starts in the file so that errors found later inside embedded assembly or hex point at the file.
/// </summary>
internal static class KjtTextDecoder
{
    /// <summary>Decodes a <c>"string"</c> or <c>"""</c> block starting at <paramref name="position"/>.</summary>
    public static EmbeddedText Decode(SourceText source, int position, string raw, DiagnosticBag diagnostics)
    {
        var span = source.Span(position, raw.Length);
        return raw.StartsWith(KjtStringTerminal.BlockQuotes, StringComparison.Ordinal) && raw.Length >= 6
            ? DecodeBlock(source, position, raw, span, diagnostics)
            : DecodeLine(source, position, raw, span, diagnostics);
    }

    private static EmbeddedText DecodeLine(SourceText source, int position, string raw, SourceSpan span, DiagnosticBag diagnostics)
    {
        var builder = new StringBuilder(raw.Length);
        var origins = new List<TextOrigin> { Origin(source, position + 1) };
        var end = raw.Length - 1;
        for (var i = 1; i < end; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= end)
            {
                builder.Append(c);
                continue;
            }

            var escape = raw[i + 1];
            switch (escape)
            {
                case '\\': builder.Append('\\'); i++; break;
                case '"': builder.Append('"'); i++; break;
                case 't': builder.Append('\t'); i++; break;
                case 'r': builder.Append('\r'); i++; break;
                case '0': builder.Append('\0'); i++; break;
                case 'n':
                    builder.Append('\n');
                    i++;
                    origins.Add(Origin(source, position + i + 1));
                    break;
                case 'u' when i + 5 < end && ushort.TryParse(raw.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 5;
                    break;
                default:
                    diagnostics.Report(DiagnosticCatalogue.KjtInvalidEscape, source.Span(position + i, 2), "\\" + escape);
                    builder.Append(escape);
                    i++;
                    break;
            }
        }

        return new EmbeddedText(builder.ToString(), span, origins);
    }

    private static EmbeddedText DecodeBlock(SourceText source, int position, string raw, SourceSpan span, DiagnosticBag diagnostics)
    {
        var firstBreak = raw.IndexOf('\n', StringComparison.Ordinal);
        var lastBreak = raw.LastIndexOf('\n');
        if (firstBreak < 0 || lastBreak < firstBreak)
        {
            return new EmbeddedText("", span, []);
        }

        var closing = raw[(lastBreak + 1)..];
        var indent = closing[..^3];
        var lines = new List<string>();
        var origins = new List<TextOrigin>();
        var lineStart = firstBreak + 1;
        while (lineStart <= lastBreak)
        {
            var lineEnd = raw.IndexOf('\n', lineStart);
            var line = raw[lineStart..lineEnd].TrimEnd('\r');
            if (line.StartsWith(indent, StringComparison.Ordinal))
            {
                lines.Add(line[indent.Length..]);
                origins.Add(Origin(source, position + lineStart + indent.Length));
            }
            else if (line.Trim(' ', '\t').Length == 0)
            {
                lines.Add("");
                origins.Add(Origin(source, position + lineStart));
            }
            else
            {
                var content = line.TrimStart(' ', '\t');
                var skipped = line.Length - content.Length;
                diagnostics.Report(DiagnosticCatalogue.KjtBlockLineUnderIndented, source.Span(position + lineStart, Math.Max(1, skipped)));
                lines.Add(content);
                origins.Add(Origin(source, position + lineStart + skipped));
            }

            lineStart = lineEnd + 1;
        }

        return new EmbeddedText(string.Join('\n', lines), span, origins);
    }

    private static TextOrigin Origin(SourceText source, int offset)
    {
        var (line, column) = source.Position(offset);
        return new TextOrigin(offset, line, column);
    }
}
