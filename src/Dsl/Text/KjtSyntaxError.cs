namespace KjTest.Dsl.Text;

/// <summary>One syntax error as the parser saw it, kept apart from Irony's message text so it can be reported precisely.</summary>
/// <param name="Position">0-based offset of the offending token.</param>
/// <param name="Length">Its length.</param>
/// <param name="TokenText">Its text.</param>
/// <param name="TerminalName">Its terminal's name (<c>SYNTAX_ERROR</c> for a scanner error).</param>
/// <param name="ScannerMessage">For a scanner error, its message.</param>
/// <param name="Expected">What the parser expected, with report groups applied, sorted.</param>
/// <param name="ExpectedKeywords">The keywords the parser expected, for "did you mean" hints.</param>
internal sealed record KjtSyntaxError(
    int Position,
    int Length,
    string TokenText,
    string TerminalName,
    string? ScannerMessage,
    IReadOnlyList<string> Expected,
    IReadOnlyList<string> ExpectedKeywords);
