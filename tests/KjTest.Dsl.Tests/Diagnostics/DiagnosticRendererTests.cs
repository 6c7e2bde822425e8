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

    [Test]
    public void A_long_line_is_cut_to_a_window_around_the_caret_with_markers()
    {
        var line = "key: " + new string('a', 1_000) + "BAD" + new string('b', 1_000);
        var source = new SourceText("long.yaml", line + "\n");
        var diagnostic = new DiagnosticDescriptor("KJ1301", Severity.Error, "bad").Create(source.Span(1_005, 3));

        var lines = DiagnosticRenderer.Render(diagnostic, source).Split('\n');

        Assert.That(lines[1], Is.EqualTo(" 1 | …" + new string('a', 40) + "BAD" + new string('b', DiagnosticRenderer.LineWindow - 43) + "…"));
        Assert.That(lines[2], Is.EqualTo("   | " + new string(' ', 41) + "^^^"));
    }

    [Test]
    public void A_long_line_keeps_its_start_when_the_caret_is_near_it_and_its_end_when_near_the_end()
    {
        var line = new string('x', 500);
        var source = new SourceText("long.kjt", line + "\n");
        var descriptor = new DiagnosticDescriptor("KJ1201", Severity.Error, "bad");

        var start = DiagnosticRenderer.Render(descriptor.Create(source.Span(2, 1)), source).Split('\n');
        var end = DiagnosticRenderer.Render(descriptor.Create(source.Span(499, 1)), source).Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(start[1], Is.EqualTo(" 1 | " + new string('x', DiagnosticRenderer.LineWindow) + "…"));
            Assert.That(start[2], Is.EqualTo("   |   ^"));
            Assert.That(end[1], Is.EqualTo(" 1 | …" + new string('x', DiagnosticRenderer.LineWindow)));
            Assert.That(end[2], Is.EqualTo("   | " + new string(' ', DiagnosticRenderer.LineWindow) + "^"));
        });
    }

    [Test]
    public void A_span_running_past_the_window_is_underlined_to_the_window_edge()
    {
        var source = new SourceText("wide.yaml", new string('y', 300) + "\n");
        var diagnostic = new DiagnosticDescriptor("KJ1201", Severity.Error, "bad").Create(source.Span(0, 300));

        var lines = DiagnosticRenderer.Render(diagnostic, source).Split('\n');

        Assert.That(lines[2], Is.EqualTo("   | " + new string('^', DiagnosticRenderer.LineWindow)));
    }

    [Test]
    public void A_token_of_megabytes_is_quoted_in_the_message_cut_to_its_first_characters()
    {
        var token = new string('P', 4 << 20);
        var descriptor = new DiagnosticDescriptor("KJ1501", Severity.Error, "unknown kexec_load flag '{0}'");

        var diagnostic = descriptor.Create(SourceSpan.StartOf("f.yaml"), token);

        Assert.That(diagnostic.Message, Is.EqualTo($"unknown kexec_load flag '{token[..DiagnosticDescriptor.MaxArgumentLength]}… (4194304 characters)'"));
    }
}
