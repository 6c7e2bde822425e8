using KjTest.Cli.Terminal;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Cli.Tests.Terminal;

public sealed class DiagnosticPrinterTests
{
    private static readonly SourceText Source = new("t.yaml", "name: t\nera: k31\n");

    private static readonly Diagnostic Example =
        DiagnosticCatalogue.InvalidChoice.CreateWithHint(Source.Span(13, 3), "did you mean `k30`?", "k31", "era", "cur, k614, k30, k27");

    private static string Print(bool colour)
    {
        using var writer = new StringWriter();
        DiagnosticPrinter.Print(writer, Example, Source, colour);
        return writer.ToString();
    }

    [Test]
    public void Plain_output_is_exactly_the_rendered_diagnostic() =>
        Assert.That(Print(colour: false), Is.EqualTo(DiagnosticRenderer.Render(Example, Source)));

    [Test]
    public void Coloured_output_paints_severity_caret_and_hint_and_keeps_the_text()
    {
        var coloured = Print(colour: true);

        Assert.That(coloured, Does.Contain("\u001b[31;1merror KJ1106\u001b[0m"));
        Assert.That(coloured, Does.Contain("\u001b[31;1m^^^\u001b[0m"));
        Assert.That(coloured, Does.Contain("\u001b[36m  = hint: did you mean `k30`?\u001b[0m"));
        Assert.That(System.Text.RegularExpressions.Regex.Replace(coloured, "\u001b\\[[0-9;]*m", ""), Is.EqualTo(Print(colour: false)));
    }
}
