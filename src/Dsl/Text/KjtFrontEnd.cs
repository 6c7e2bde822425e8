using Irony.Parsing;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using SourceSpan = KjTest.Dsl.Diagnostics.SourceSpan;

namespace KjTest.Dsl.Text;

/// <summary>
/// The <c>.kjt</c> front end: parses with <see cref="KjtGrammar"/>, turns syntax errors into KJ12xx
/// diagnostics with the exact position and what was expected there, and lowers a clean parse tree
/// into the model. Never throws for bad input.
/// </summary>
public sealed class KjtFrontEnd : IScenarioFrontEnd
{
    /// <summary>How deep parameter lists may nest; the lowering pass recurses once per level.</summary>
    public const int MaxListDepth = 32;

    /// <summary>Syntax errors reported before the rest of the file is left unchecked.</summary>
    public const int MaxSyntaxErrors = 20;

    // Building the LALR tables takes a while; the tables are immutable once built and shared.
    private static readonly Lazy<LanguageData> Language = new(() => new LanguageData(new KjtGrammar()));

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".kjt"];

    /// <inheritdoc />
    public ParseResult Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new DiagnosticBag();
        try
        {
            var parser = new Parser(Language.Value);
            var tree = parser.Parse(source.Text, source.Path);
            if (!tree.HasErrors() && tree.Root is not null && TooDeep(source, tree, diagnostics))
            {
                return new ParseResult(null, diagnostics.Items, source);
            }

            if (!tree.HasErrors() && tree.Root is not null)
            {
                var scenario = KjtLowering.Lower(tree.Root, source, diagnostics);
                FinalLineBreak(source, diagnostics);
                return new ParseResult(scenario, diagnostics.Items, source);
            }

            ReportSyntaxErrors(source, parser, tree, diagnostics);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // Irony throws plain exceptions for some internal states; a defect of the parser must
            // not take the caller down, so it is reported against the file instead.
            diagnostics.Report(DiagnosticCatalogue.KjtParserFailure, SourceSpan.StartOf(source.Path), ex.GetType().Name + ": " + ex.Message);
        }

        return new ParseResult(null, diagnostics.Items, source);
    }

    /// <summary>
    /// A file cut off mid-line can still parse (a number cut short is still a number, a comment cut short still a
    /// comment), so a last line without its line break is the one sign left that the rest of the file was lost.
    /// </summary>
    private static void FinalLineBreak(SourceText source, DiagnosticBag diagnostics)
    {
        var text = source.Text;
        var lastBreak = text.LastIndexOfAny(['\n', '\r']);
        if (!string.IsNullOrWhiteSpace(text[(lastBreak + 1)..]))
        {
            diagnostics.ReportWithHint(DiagnosticCatalogue.KjtNoFinalLineBreak, source.Span(text.Length, 0), "end the file with a line break; if it was cut off, restore its end");
        }
    }

    /// <summary>
    /// Reports the first syntax error, repairs the text in place and parses again to find the next
    /// one. Irony's own recovery (error productions) skipped whole statements silently after an
    /// error, so later errors went unreported. Repairs never change the text's length, so every
    /// offset still points into the file as written.
    /// </summary>
    private static void ReportSyntaxErrors(SourceText source, Parser parser, ParseTree tree, DiagnosticBag diagnostics)
    {
        var text = source.Text.ToCharArray();
        var previous = -1;
        for (var round = 1; ; round++)
        {
            var error = FirstError(parser.Context);
            if (error is null)
            {
                // Irony reported something without going through the grammar's hook.
                foreach (var message in tree.ParserMessages)
                {
                    diagnostics.Report(DiagnosticCatalogue.KjtParserFailure, IronySpans.ToSpan(source, message.Location, 0), message.Message);
                }

                return;
            }

            if (error.Position != previous)
            {
                diagnostics.Add(KjtSyntaxErrors.ToDiagnostic(source, error));
            }

            if (round == MaxSyntaxErrors)
            {
                diagnostics.Report(DiagnosticCatalogue.KjtTooManyErrors, source.Span(error.Position, 0));
                return;
            }

            if (error.Position == previous ? !BlankLines(text, error.Position, error.Length) : !Repair(text, error))
            {
                return;
            }

            previous = error.Position;
            parser = new Parser(Language.Value);
            tree = parser.Parse(new string(text), source.Path);
            if (!tree.HasErrors())
            {
                return;
            }
        }
    }

    private static KjtSyntaxError? FirstError(ParsingContext context) =>
        context.Values.TryGetValue(KjtGrammar.ErrorsKey, out var list) && list is List<KjtSyntaxError> { Count: > 0 } errors ? errors[0] : null;

    /// <summary>
    /// Makes the text parse past <paramref name="error"/>: a misspelt keyword becomes the keyword it
    /// most resembles when it fits, an unterminated string becomes an empty one, and otherwise the
    /// offending lines become blank. False when nothing more can be learnt from parsing again.
    /// </summary>
    private static bool Repair(char[] text, KjtSyntaxError error)
    {
        if (error.ScannerMessage == KjtStringTerminal.UnterminatedBlock)
        {
            // Everything after the opening quotes is the block's text, not statements.
            return false;
        }

        if (error.ScannerMessage == KjtStringTerminal.UnterminatedString && error.Length >= 2)
        {
            text[error.Position + 1] = '"';
            Array.Fill(text, ' ', error.Position + 2, error.Length - 2);
            return true;
        }

        if (error.TerminalName == KjtTerms.Name && Suggestions.Closest(error.TokenText, error.ExpectedKeywords) is { } keyword)
        {
            var room = error.Length;
            var end = error.Position + error.Length;
            while (room < keyword.Length && end < text.Length && text[end] is ' ' or '\t')
            {
                room++;
                end++;
            }

            var next = room == keyword.Length && end < text.Length ? text[end] : ' ';
            if (room >= keyword.Length && !char.IsAsciiLetterOrDigit(next) && next is not ('_' or '.' or '-'))
            {
                Array.Fill(text, ' ', error.Position, room);
                keyword.CopyTo(0, text, error.Position, keyword.Length);
                return true;
            }
        }

        return BlankLines(text, error.Position, error.Length);
    }

    /// <summary>Replaces the lines holding the error with spaces; false when there was nothing left to blank.</summary>
    private static bool BlankLines(char[] text, int position, int length)
    {
        if (position >= text.Length)
        {
            return false;
        }

        var start = position;
        while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
        {
            start--;
        }

        var changed = false;
        // The last character the error covers, short of a line break it ends on.
        var end = position + Math.Max(0, length - 1);
        while (end >= position && text[end] is '\n' or '\r')
        {
            end--;
        }

        for (var i = start; i < text.Length && (i <= end || (text[i] != '\n' && text[i] != '\r')); i++)
        {
            if (text[i] is not (' ' or '\n' or '\r'))
            {
                text[i] = ' ';
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Reports lists nested deeper than <see cref="MaxListDepth"/>, which would exhaust the stack of a recursive walk.</summary>
    private static bool TooDeep(SourceText source, ParseTree tree, DiagnosticBag diagnostics)
    {
        var depth = 0;
        foreach (var token in tree.Tokens)
        {
            if (token.Text == "[" && token.Terminal is KeyTerm && ++depth > MaxListDepth)
            {
                diagnostics.Report(DiagnosticCatalogue.KjtNestingTooDeep, IronySpans.ToSpan(source, token), MaxListDepth);
                return true;
            }

            if (token.Text == "]" && token.Terminal is KeyTerm)
            {
                depth--;
            }
        }

        return false;
    }
}
