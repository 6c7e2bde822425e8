using Irony.Parsing;

namespace KjTest.Dsl.Text;

/// <summary>
/// A word that starts with a digit (or a minus sign and a digit): numbers and sizes such as
/// <c>0x1000</c>, <c>10_000</c>, <c>64MiB</c>, <c>-1</c>. The scanner only delimits the word; its
/// value is read later by <see cref="Values.NumberSyntax"/> or <see cref="Values.SizeSyntax"/>, so
/// that a malformed number is reported with the shared KJ13xx diagnostics and its exact span.
/// </summary>
internal sealed class KjtNumberTerminal : Terminal
{
    /// <summary>Creates the terminal.</summary>
    public KjtNumberTerminal(string name)
        : base(name)
    {
        ErrorAlias = "number";
    }

    /// <inheritdoc />
    public override IList<string> GetFirsts() => ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-"];

    /// <inheritdoc />
    public override Token? TryMatch(ParsingContext context, ISourceStream source)
    {
        var text = source.Text;
        var p = source.PreviewPosition;
        if (p < text.Length && text[p] == '-')
        {
            p++;
        }

        if (p >= text.Length || !char.IsAsciiDigit(text[p]))
        {
            return null;
        }

        while (p < text.Length && IsWordChar(text[p]))
        {
            p++;
        }

        source.PreviewPosition = p;
        return source.CreateToken(OutputTerminal);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.';
}
