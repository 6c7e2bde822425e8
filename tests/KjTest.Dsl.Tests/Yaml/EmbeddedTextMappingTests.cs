using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Yaml;

public sealed class EmbeddedTextMappingTests
{
    private static (EmbeddedText Text, SourceText Source) Asm(string yaml)
    {
        var source = new SourceText("t.yaml", yaml);
        var result = new YamlFrontEnd().Parse(source);
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        var content = (AsmContent)result.Scenario!.Images[0].Segments[0].Content!;
        return (content.Source, source);
    }

    private const string Head = "name: t\nimages:\n  - name: b\n    segments:\n      - mem: 0x400000\n";

    [Test]
    public void Literal_block_line_three_maps_to_its_file_line_and_column()
    {
        var yaml = Head + "        asm: |\n          start:\n            mov dx, 0x3f8\n            bogus al, 0x42\n            ret\nsteps: []\n";
        var (text, source) = Asm(yaml);

        var span = text.Map(3, 3, 5);

        Assert.That(text.Text.Split('\n')[2], Is.EqualTo("  bogus al, 0x42"));
        Assert.That((span.Line, span.Column, span.Length), Is.EqualTo((9, 13, 5)));
        Assert.That(source.Text.Substring(span.Offset, span.Length), Is.EqualTo("bogus"));
    }

    [Test]
    public void Blank_lines_inside_a_block_keep_the_following_lines_in_place()
    {
        var yaml = Head + "        asm: |\n          nop\n\n          ret\nsteps: []\n";
        var (text, source) = Asm(yaml);

        var span = text.Map(3, 1, 3);

        Assert.That((span.Line, span.Column), Is.EqualTo((9, 11)));
        Assert.That(source.Text.Substring(span.Offset, 3), Is.EqualTo("ret"));
    }

    [Test]
    public void An_indentation_indicator_keeps_the_extra_spaces_in_the_text_and_the_columns_right()
    {
        var yaml = Head + "        asm: |2\n             nop\n            ret\nsteps: []\n";
        var (text, source) = Asm(yaml);

        var span = text.Map(1, 4, 3);

        Assert.That(text.Text, Is.EqualTo("   nop\n  ret\n"));
        Assert.That(source.Text.Substring(span.Offset, 3), Is.EqualTo("nop"));
        Assert.That(span.Line, Is.EqualTo(7));
    }

    [Test]
    public void A_folded_block_maps_to_the_block_indentation()
    {
        var yaml = Head + "        asm: >\n          nop\n          ret\nsteps: []\n";
        var (text, source) = Asm(yaml);

        var span = text.Map(1, 1, 3);

        Assert.That(text.Text, Is.EqualTo("nop ret\n"));
        Assert.That((span.Line, span.Column), Is.EqualTo((7, 11)));
        Assert.That(source.Text.Substring(span.Offset, 3), Is.EqualTo("nop"));
    }

    [Test]
    public void A_quoted_scalar_maps_after_its_opening_quote()
    {
        var yaml = Head + "        asm: \"mov al, 1\"\nsteps: []\n";
        var (text, source) = Asm(yaml);

        var span = text.Map(1, 5, 2);

        Assert.That(source.Text.Substring(span.Offset, 2), Is.EqualTo("al"));
        Assert.That((span.Line, span.Column), Is.EqualTo((6, 19)));
    }

    [Test]
    public void A_plain_scalar_maps_from_its_first_character()
    {
        var yaml = Head + "        asm: ret\nsteps: []\n";
        var (text, source) = Asm(yaml);

        Assert.That(source.Text.Substring(text.Map(1, 1, 3).Offset, 3), Is.EqualTo("ret"));
    }
}
