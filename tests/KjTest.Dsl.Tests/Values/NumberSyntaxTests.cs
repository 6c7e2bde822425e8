using KjTest.Dsl.Values;

namespace KjTest.Dsl.Tests.Values;

public sealed class NumberSyntaxTests
{
    [TestCase("0", 0UL)]
    [TestCase("4096", 4096UL)]
    [TestCase("0x1000", 0x1000UL)]
    [TestCase("0xdead_beef", 0xdeadbeefUL)]
    [TestCase("0b1010_0101", 0xa5UL)]
    [TestCase("0o777", 511UL)]
    [TestCase("1_000_000", 1000000UL)]
    public void TryParse_reads_every_radix(string text, ulong expected)
    {
        Assert.That(NumberSyntax.TryParse(text, out var value, out _), Is.True);
        Assert.That(value, Is.EqualTo((UInt128)expected));
    }

    [TestCase("")]
    [TestCase("12a")]
    [TestCase("_1")]
    [TestCase("1__0")]
    [TestCase("1_")]
    [TestCase("0x")]
    [TestCase("0b102")]
    [TestCase("0x_dead")]
    public void TryParse_refuses_malformed_numbers(string text) =>
        Assert.That(NumberSyntax.TryParse(text, out _, out _), Is.False);

    [Test]
    public void TryParse_reports_overflow_past_128_bits()
    {
        Assert.That(NumberSyntax.TryParse("0x1_0000_0000_0000_0000_0000_0000_0000_0000", out _, out var overflow), Is.False);
        Assert.That(overflow, Is.True);
        Assert.That(NumberSyntax.TryParse("0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff", out var max, out _), Is.True);
        Assert.That(max, Is.EqualTo(UInt128.MaxValue));
    }

    [TestCase("-1", -1L)]
    [TestCase("5", 5L)]
    [TestCase("-0x10", -16L)]
    public void TryParseSigned_reads_negative_numbers(string text, long expected)
    {
        Assert.That(NumberSyntax.TryParseSigned(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }
}
