using Irony.Parsing;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Text;
using SourceSpan = KjTest.Dsl.Diagnostics.SourceSpan;

namespace KjTest.Dsl.Tests.Text;

public sealed class IronySpansTests
{
    private static ParseTree Parse(string text) => new Parser(new LanguageData(new KjtGrammar())).Parse(text, "t.kjt");

    [Test]
    public void Zero_based_irony_lines_and_columns_become_one_based_spans()
    {
        const string text = "scenario \"s\"\n  seed 5\n\nsteps\n  jump expect ok\n";
        var source = new SourceText("t.kjt", text);

        var tokens = Parse(text).Tokens.Where(t => t.Length > 0).ToList();

        Assert.That(tokens, Is.Not.Empty);
        foreach (var token in tokens)
        {
            var span = IronySpans.ToSpan(source, token);
            Assert.That((span.Line, span.Column), Is.EqualTo((token.Location.Line + 1, token.Location.Column + 1)), token.Text);
            Assert.That(span.Offset, Is.EqualTo(token.Location.Position));
            Assert.That(text.Substring(span.Offset, span.Length), Is.EqualTo(token.Text));
        }
    }

    [Test]
    public void A_token_after_a_tab_gets_its_character_column_not_irony_expanded_one()
    {
        const string text = "scenario \"s\"\n\tseed 5\n";
        var source = new SourceText("t.kjt", text);

        var seed = Parse(text).Tokens.Single(t => t.Text == "seed");
        var span = IronySpans.ToSpan(source, seed);

        Assert.That(seed.Location.Column, Is.EqualTo(8), "Irony expands the tab to column 8 (0-based)");
        Assert.That((span.Line, span.Column, span.EndColumn), Is.EqualTo((2, 2, 6)));
    }

    [Test]
    public void A_location_converts_with_the_given_length()
    {
        var source = new SourceText("t.kjt", "ab\ncdef\n");

        var span = IronySpans.ToSpan(source, new SourceLocation(4, 1, 1), 2);

        Assert.That(span, Is.EqualTo(new SourceSpan("t.kjt", 4, 2, 2, 2, 2, 4)));
    }
}
