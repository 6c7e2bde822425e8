using KjTest.Dsl.Values;

namespace KjTest.Dsl.Tests.Values;

public sealed class SizeSyntaxTests
{
    [TestCase("4096", 4096UL)]
    [TestCase("0x1000", 4096UL)]
    [TestCase("64KiB", 64UL << 10)]
    [TestCase("64MiB", 64UL << 20)]
    [TestCase("64 MiB", 64UL << 20)]
    [TestCase("16GiB", 16UL << 30)]
    [TestCase("64G", 64UL << 30)]
    [TestCase("15EiB", 15UL << 60)]
    public void TryParse_reads_sizes_with_binary_units(string text, ulong expected)
    {
        Assert.That(SizeSyntax.TryParse(text, out var value, out _), Is.EqualTo(SizeSyntax.Result.Ok));
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("100EiB", SizeSyntax.Result.TooLarge)]
    [TestCase("16EiB", SizeSyntax.Result.TooLarge)]
    [TestCase("64MB", SizeSyntax.Result.UnknownUnit)]
    [TestCase("lots", SizeSyntax.Result.Invalid)]
    [TestCase("", SizeSyntax.Result.Invalid)]
    public void TryParse_refuses_bad_sizes(string text, SizeSyntax.Result expected) =>
        Assert.That(SizeSyntax.TryParse(text, out _, out _), Is.EqualTo(expected));

    [TestCase(64UL << 20, "64MiB")]
    [TestCase(4096UL, "4KiB")]
    [TestCase(1000UL, "0x3e8")]
    public void Format_uses_the_largest_exact_unit(ulong value, string expected) =>
        Assert.That(SizeSyntax.Format(value), Is.EqualTo(expected));
}
