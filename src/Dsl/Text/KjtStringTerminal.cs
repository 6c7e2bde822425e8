using Irony.Parsing;

namespace KjTest.Dsl.Text;

/// <summary>
/// Quoted text: a one-line <c>"string"</c> with backslash escapes, or a <c>"""</c> block whose
/// text runs from the line after the opening quotes to the line before the closing ones, with the
/// closing quotes' indentation removed from every line. The scanner only finds where the token
/// ends; <see cref="KjtTextDecoder"/> decodes it and maps every text line back to the file.
/// </summary>
internal sealed class KjtStringTerminal : Terminal
{
    /// <summary>Error message of a one-line string without its closing quote.</summary>
    public const string UnterminatedString = "kjt:unterminated-string";

    /// <summary>Error message of a block without its closing quotes.</summary>
    public const string UnterminatedBlock = "kjt:unterminated-block";

    /// <summary>Error message of a block whose opening quotes are followed by text.</summary>
    public const string TextAfterBlockOpening = "kjt:text-after-block-opening";

    /// <summary>The block delimiter.</summary>
    public const string BlockQuotes = "\"\"\"";

    /// <summary>Creates the terminal.</summary>
    public KjtStringTerminal(string name)
        : base(name)
    {
        ErrorAlias = "string";
    }

    /// <inheritdoc />
    public override IList<string> GetFirsts() => ["\""];

    /// <inheritdoc />
    public override Token? TryMatch(ParsingContext context, ISourceStream source)
    {
        var text = source.Text;
        var start = source.PreviewPosition;
        if (start >= text.Length || text[start] != '"')
        {
            return null;
        }

        return string.CompareOrdinal(text, start, BlockQuotes, 0, 3) == 0
            ? MatchBlock(context, source, start)
            : MatchLine(context, source, start);
    }

    private Token MatchLine(ParsingContext context, ISourceStream source, int start)
    {
        var text = source.Text;
        var p = start + 1;
        while (p < text.Length && text[p] != '\n' && text[p] != '\r')
        {
            if (text[p] == '\\' && p + 1 < text.Length && text[p + 1] != '\n' && text[p + 1] != '\r')
            {
                p += 2;
                continue;
            }

            if (text[p] == '"')
            {
                source.PreviewPosition = p + 1;
                return source.CreateToken(OutputTerminal);
            }

            p++;
        }

        return Error(context, source, p, UnterminatedString);
    }

    private Token MatchBlock(ParsingContext context, ISourceStream source, int start)
    {
        var text = source.Text;
        var lineEnd = EndOfLine(text, start + 3);
        var closing = FindClosing(text, NextLine(text, lineEnd));
        for (var i = start + 3; i < lineEnd; i++)
        {
            if (text[i] != ' ' && text[i] != '\t')
            {
                // The error covers the whole block when it is closed, so that none of its lines
                // is read as a statement afterwards.
                return Error(context, source, closing < 0 ? lineEnd : closing + 3, TextAfterBlockOpening);
            }
        }

        if (closing >= 0)
        {
            source.PreviewPosition = closing + 3;
            return source.CreateToken(OutputTerminal);
        }

        // Claim only the opening quotes, then skip the rest of the file: its lines are the
        // block's text, and reading them as statements would only add confusing errors.
        var token = Error(context, source, start + 3, UnterminatedBlock);
        source.PreviewPosition = text.Length;
        return token;
    }

    /// <summary>The offset of the first line's closing quotes from <paramref name="lineStart"/> on, or -1.</summary>
    private static int FindClosing(string text, int lineStart)
    {
        while (lineStart < text.Length)
        {
            var p = lineStart;
            while (p < text.Length && (text[p] == ' ' || text[p] == '\t'))
            {
                p++;
            }

            if (string.CompareOrdinal(text, p, BlockQuotes, 0, 3) == 0)
            {
                return p;
            }

            lineStart = NextLine(text, EndOfLine(text, p));
        }

        return -1;
    }

    private static Token Error(ParsingContext context, ISourceStream source, int end, string message)
    {
        source.PreviewPosition = end;
        var token = context.CreateErrorToken(message);

        // The scanner's recovery steps one character past this position and then stops at the
        // next delimiter; leaving it on the last claimed character makes it stop at the line break.
        source.PreviewPosition = Math.Max(source.Location.Position, end - 1);
        return token;
    }

    private static int EndOfLine(string text, int p)
    {
        while (p < text.Length && text[p] != '\n' && text[p] != '\r')
        {
            p++;
        }

        return p;
    }

    private static int NextLine(string text, int p)
    {
        if (p < text.Length && text[p] == '\r')
        {
            p++;
        }

        if (p < text.Length && text[p] == '\n')
        {
            p++;
        }

        return p;
    }
}
