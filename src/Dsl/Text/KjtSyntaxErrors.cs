using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Text;

/// <summary>Words the syntax error messages of the text front end.</summary>
internal static class KjtSyntaxErrors
{
    /// <summary>The diagnostic for one syntax error.</summary>
    public static Diagnostic ToDiagnostic(SourceText source, KjtSyntaxError error)
    {
        var span = source.Span(error.Position, error.Length);
        if (error.TerminalName == "SYNTAX_ERROR")
        {
            return error.ScannerMessage switch
            {
                KjtStringTerminal.UnterminatedString => DiagnosticCatalogue.KjtUnterminatedString.Create(span),
                KjtStringTerminal.UnterminatedBlock => DiagnosticCatalogue.KjtUnterminatedBlock.Create(span),
                KjtStringTerminal.TextAfterBlockOpening => DiagnosticCatalogue.KjtTextAfterBlockOpening.Create(span),
                _ => DiagnosticCatalogue.KjtUnexpectedCharacter.Create(
                    source.Span(error.Position, 1), Printable(error.Position < source.Text.Length ? source.Text[error.Position] : ' ')),
            };
        }

        var expected = Expected(error);
        var isWord = error.TerminalName == KjtTerms.Name;
        var hint = isWord ? Suggestions.DidYouMean(error.TokenText, error.ExpectedKeywords) : null;
        if (isWord && error.ExpectedKeywords.Count > 0 && !error.Expected.Contains("name"))
        {
            return DiagnosticCatalogue.KjtUnknownKeyword.CreateWithHint(span, hint, error.TokenText, expected);
        }

        return DiagnosticCatalogue.KjtUnexpectedToken.CreateWithHint(span, hint, Describe(error), expected);
    }

    private static string Describe(KjtSyntaxError error) => error.TerminalName switch
    {
        "EOF" => "end of file",
        "LF" => "end of line",
        KjtTerms.Name => $"word '{error.TokenText}'",
        KjtTerms.Number => $"number '{error.TokenText}'",
        KjtTerms.Text => "string",
        _ when error.TokenText.Length > 0 && char.IsAsciiLetter(error.TokenText[0]) => $"keyword '{error.TokenText}'",
        _ => $"'{error.TokenText}'",
    };

    private static string Expected(KjtSyntaxError error)
    {
        var items = error.Expected.Select(e => error.ExpectedKeywords.Contains(e) || !char.IsAsciiLetter(e[0]) ? $"'{e}'" : e).ToList();
        return items.Count switch
        {
            0 => "nothing more",
            1 => items[0],
            _ => "one of: " + string.Join(", ", items),
        };
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
