using System.Globalization;
using System.Text;
using System.Xml;

namespace KjTest.Runtime.Reports;

/// <summary>Text made safe for the HTML reports, which are also well-formed XML (XHTML syntax), so both parsers read them alike.</summary>
public static class HtmlText
{
    /// <summary>
    /// Escapes <c>&amp; &lt; &gt; "</c>, and writes a character XML cannot carry (a guest may write any byte) as
    /// <c>\xNN</c>.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '"':
                    escaped.Append("&quot;");
                    break;
                default:
                    if (XmlConvert.IsXmlChar(c))
                    {
                        escaped.Append(c);
                    }
                    else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary><paramref name="value"/> in lower-case hexadecimal with <c>0x</c>.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>An integer as the invariant culture writes it.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A byte count in the largest binary unit it reaches, to two decimals (<c>64 MiB</c>, <c>59.5 MiB</c>).</summary>
    public static string Size(ulong bytes)
    {
        string[] units = ["GiB", "MiB", "KiB"];
        for (var i = 0; i < units.Length; i++)
        {
            var unit = 1UL << (10 * (units.Length - i));
            if (bytes >= unit)
            {
                return (bytes / (double)unit).ToString("0.##", CultureInfo.InvariantCulture) + " " + units[i];
            }
        }

        return Number((long)bytes) + " bytes";
    }
}
