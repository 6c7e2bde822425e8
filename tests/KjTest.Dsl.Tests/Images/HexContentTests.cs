using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Dsl.Tests.Images;

public class HexContentTests
{
    private static ImageBytesResult Parse(string text) => HexBytes.Parse(text, new SourceText("s.yaml", text).SpanAt);

    [TestCase("48 89 c3")]
    [TestCase("4889c3")]
    [TestCase("4889C3")]
    [TestCase("0x48,0x89,0xc3")]
    [TestCase("0x48, 0x89, 0xC3")]
    [TestCase("48_89_c3")]
    [TestCase("48:89:c3")]
    [TestCase("48\n89\r\n  c3\n")]
    [TestCase("0x4889c3")]
    [TestCase("48 89 ; mov rbx, rax\nc3 # ret")]
    public void Accepts_every_separator_style(string text)
    {
        var result = Parse(text);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Bytes, Is.EqualTo(new byte[] { 0x48, 0x89, 0xc3 }));
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Odd_digit_run_is_reported_over_the_run()
    {
        var result = Parse("48 89\n  c3 123 90");

        var diagnostic = result.Diagnostics.Single();
        Assert.That((diagnostic.Id, diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Span.Length), Is.EqualTo(("KJ1421", 2, 6, 3)));
        Assert.That(result.Bytes, Is.Null);
    }

    [Test]
    public void Bad_character_is_reported_at_its_exact_column()
    {
        var result = Parse("48 89\nc3 9g 90 zz");

        Assert.That(
            result.Diagnostics.Select(d => (d.Id, d.Span.Line, d.Span.Column, d.Span.Length)),
            Is.EqualTo(new[] { ("KJ1420", 2, 5, 1), ("KJ1420", 2, 10, 1), ("KJ1420", 2, 11, 1) }));
        Assert.That(result.Diagnostics[0].Message, Is.EqualTo("'g' is not a hex digit or separator"));
    }

    [Test]
    public void Bare_0x_prefix_is_an_odd_run()
    {
        Assert.That(Parse("48 0x").Diagnostics.Single().Id, Is.EqualTo("KJ1421"));
    }

    [TestCase("")]
    [TestCase("  \n ; nothing here\n")]
    public void Empty_content_is_reported(string text)
    {
        var result = Parse(text);

        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1422"));
        Assert.That(result.Bytes, Is.Null);
    }

    [Test]
    public void Positions_go_through_the_mapper()
    {
        var file = new SourceText("s.yaml", "a\nb\nc\n    code: |\n      48 8x\n");

        var result = HexBytes.Parse("48 8x", (line, column, length) => file.SpanAt(line + 4, column + 6, length));

        var span = result.Diagnostics.Single().Span;
        Assert.That((span.Line, span.Column), Is.EqualTo((5, 11)));
    }
}
