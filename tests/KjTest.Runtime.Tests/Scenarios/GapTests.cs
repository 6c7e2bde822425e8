using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class GapTests
{
    private static readonly Gap Sample = new(
        [new GapField("gdtr.base", "0x1", "0x0"), new GapField("uart0.ier", "0x1", "0x0"), new GapField("xmm3", "0x1", "0x2")],
        [new MemoryPageGap(0x600000, [(0x10, 4)], [0x11], [0xef])]);

    [TestCase("gdtr.base", true)]
    [TestCase("gdtr.limit", false)]
    [TestCase("cpu", true)]
    [TestCase("fpu", true)]
    [TestCase("devices", true)]
    [TestCase("memory", true)]
    [TestCase("memory:0x600000", true)]
    [TestCase("memory:0x600fff", true)]
    [TestCase("memory:0x601000", false)]
    [TestCase("uart0.ier", true)]
    public void Contains_matches_fields_classes_and_pages(string field, bool expected) =>
        Assert.That(Sample.Contains(field), Is.EqualTo(expected));

    [Test]
    public void Empty_gap_contains_no_class()
    {
        var empty = new Gap([], []);

        Assert.That(empty.IsEmpty, Is.True);
        Assert.That(empty.Contains("memory") || empty.Contains("cpu"), Is.False);
    }
}
