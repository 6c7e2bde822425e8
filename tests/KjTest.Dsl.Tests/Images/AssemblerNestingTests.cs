using KjTest.Dsl.Images.Asm;
using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

/// <summary>
/// Deep expressions are refused with KJ1417 before parser or evaluator recursion can overflow the
/// stack. These run in process because the limit is in place; the CLI tests repeat them in a child process.
/// </summary>
public class AssemblerNestingTests
{
    private const int Hostile = 100_000;
    private const int Limit = AsmParser.MaxExpressionDepth;

    private static void AssertTooDeepAt(string text, int column)
    {
        var result = Assemble(text);

        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1417" }));
        Assert.That(result.Diagnostics[0].Message, Is.EqualTo($"expression nested too deeply (more than {Limit} levels)"));
        Assert.That((result.Diagnostics[0].Span.Line, result.Diagnostics[0].Span.Column), Is.EqualTo((2, column)));
    }

    [Test]
    public void Hundred_thousand_nested_parentheses_are_refused_at_the_first_paren_past_the_limit()
    {
        // "mov eax, " puts the first paren at column 10.
        AssertTooDeepAt("nop\nmov eax, " + new string('(', Hostile) + "1" + new string(')', Hostile), 10 + Limit);
    }

    [Test]
    public void Hundred_thousand_unary_operators_are_refused_at_the_first_operator_past_the_limit()
    {
        AssertTooDeepAt("nop\nmov eax, " + new string('-', Hostile) + "1", 10 + Limit);
    }

    [Test]
    public void A_chain_of_a_hundred_thousand_additions_is_refused_at_the_operator_past_the_limit()
    {
        // Each '+' adds a level to the left-leaning tree the evaluator walks: the 256th '+' is one too many.
        AssertTooDeepAt("nop\nmov eax, " + string.Join("+", Enumerable.Repeat("1", Hostile)), 10 + (2 * Limit) - 1);
    }

    [Test]
    public void A_db_of_deep_expressions_reports_once_per_expression_and_keeps_going()
    {
        var deep = new string('(', Hostile) + "1" + new string(')', Hostile);

        var result = Assemble($"db {deep}\ndb 1+\nmov eax, {deep}");

        Assert.That(result.Diagnostics.Select(d => (d.Id, d.Span.Line)), Is.EqualTo(new[] { ("KJ1417", 1), ("KJ1408", 2), ("KJ1417", 3) }));
    }

    [Test]
    public void Expressions_at_the_limit_still_assemble()
    {
        var parens = new string('(', Limit - 1) + "1" + new string(')', Limit - 1);
        var chain = string.Join("+", Enumerable.Repeat("1", Limit));
        var unary = new string('-', (Limit - 1) & ~1) + "2";

        Assert.Multiple(() =>
        {
            Assert.That(AssembleHex($"mov eax, {parens}"), Is.EqualTo("b8 01 00 00 00"));
            Assert.That(AssembleHex($"mov eax, {chain}"), Is.EqualTo("b8 00 01 00 00"));
            Assert.That(AssembleHex($"mov eax, {unary}"), Is.EqualTo("b8 02 00 00 00"));
        });
    }
}
