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
        return new ParseResult(scenario, diagnostics.Items, source);
    }
}
