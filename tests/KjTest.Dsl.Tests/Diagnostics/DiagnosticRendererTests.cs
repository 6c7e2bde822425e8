using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Tests.Diagnostics;

public sealed class DiagnosticRendererTests
{
    [Test]
    public void Render_prints_location_source_line_caret_and_hint()
    {
        var source = new SourceText("a.yaml", "name: x\nflags: PRESERVE_CONTXT\n");
        var span = source.Span(source.Offset(2, 8), "PRESERVE_CONTXT".Length);
        var descriptor = new DiagnosticDescriptor("KJ1301", Severity.Error, "unknown flag '{0}'");
        var diagnostic = descriptor.CreateWithHint(span, "did you mean `PRESERVE_CONTEXT`?", "PRESERVE_CONTXT");

        var text = DiagnosticRenderer.Render(diagnostic, source);

        Assert.That(text, Is.EqualTo(
            "a.yaml:2:8: error KJ1301: unknown flag 'PRESERVE_CONTXT'\n" +
            " 2 | flags: PRESERVE_CONTXT\n" +
            "   |        ^^^^^^^^^^^^^^^\n" +
            "  = hint: did you mean `PRESERVE_CONTEXT`?\n"));
    }

    [Test]
    public void SourceText_maps_offsets_to_one_based_positions()
    {
        var source = new SourceText("f", "ab\ncd");
        Assert.Multiple(() =>
        {
            Assert.That(source.Position(0), Is.EqualTo((1, 1)));
            Assert.That(source.Position(3), Is.EqualTo((2, 1)));
            Assert.That(source.Position(4), Is.EqualTo((2, 2)));
            Assert.That(source.LineText(2), Is.EqualTo("cd"));
        });
    }
}
