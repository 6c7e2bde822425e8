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
            if (tree.HasErrors() || tree.Root is null)
            {
                ReportSyntaxErrors(source, parser.Context, tree, diagnostics);
                return new ParseResult(null, diagnostics.Items, source);
            }

            var scenario = KjtLowering.Lower(tree.Root, source, diagnostics);
            return new ParseResult(scenario, diagnostics.Items, source);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            // A defect of the parser must not take the caller down; it is reported against the file instead.
            diagnostics.Report(DiagnosticCatalogue.KjtParserFailure, SourceSpan.StartOf(source.Path), ex.GetType().Name + ": " + ex.Message);
            return new ParseResult(null, diagnostics.Items, source);
        }
    }

    private static void ReportSyntaxErrors(SourceText source, ParsingContext context, ParseTree tree, DiagnosticBag diagnostics)
    {
        var errors = context.Values.TryGetValue(KjtGrammar.ErrorsKey, out var list) && list is List<KjtSyntaxError> found ? found : [];
        var reported = new HashSet<int>();
        foreach (var error in errors)
        {
            if (!reported.Add(error.Position))
            {
                continue;
            }

            if (reported.Count > MaxSyntaxErrors)
            {
                diagnostics.Report(DiagnosticCatalogue.KjtTooManyErrors, source.Span(error.Position, 0));
                return;
            }

            diagnostics.Add(KjtSyntaxErrors.ToDiagnostic(source, error));
        }

        if (errors.Count == 0)
        {
            // Irony reported something without going through the grammar's hook.
            foreach (var message in tree.ParserMessages)
            {
                diagnostics.Report(DiagnosticCatalogue.KjtParserFailure, IronySpans.ToSpan(source, message.Location, 0), message.Message);
            }
        }
    }
}
