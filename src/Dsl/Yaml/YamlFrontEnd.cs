using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;

namespace KjTest.Dsl.Yaml;

/// <summary>Reads scenarios written in YAML (<c>.yaml</c>, <c>.yml</c>); the shape is documented in README.md.</summary>
public sealed class YamlFrontEnd : IScenarioFrontEnd
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

    /// <inheritdoc />
    public ParseResult Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeBuilder.Build(source, diagnostics);
        if (root is null)
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Report(DiagnosticCatalogue.EmptyFile, SourceSpan.StartOf(source.Path));
            }

            return new ParseResult(null, diagnostics.Items, source);
        }

        var scenario = YamlScenarioMapper.Map(root, source, diagnostics);
        if (!diagnostics.HasErrors)
        {
            FinalLineBreak(source, diagnostics);
        }

        return new ParseResult(scenario, diagnostics.Items, source);
    }

    /// <summary>
    /// YAML needs no final line break, but a file cut off mid-line still reads (a number cut short is still a number),
    /// and the missing line break is the one sign left that the rest was lost: a warning, an error under --strict.
    /// </summary>
    private static void FinalLineBreak(SourceText source, DiagnosticBag diagnostics)
    {
        var text = source.Text;
        var lastBreak = text.LastIndexOfAny(['\n', '\r']);
        if (!string.IsNullOrWhiteSpace(text[(lastBreak + 1)..]))
        {
            diagnostics.ReportWithHint(DiagnosticCatalogue.YamlNoFinalLineBreak, source.Span(text.Length, 0), "end the file with a line break; if it was cut off, restore its end");
        }
    }
}
