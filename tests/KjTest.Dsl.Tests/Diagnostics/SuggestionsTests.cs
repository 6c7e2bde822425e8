using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Tests.Diagnostics;

public sealed class SuggestionsTests
{
    private static readonly string[] Flags = ["PRESERVE_CONTEXT", "ON_CRASH", "UPDATE_ELFCOREHDR", "CRASH_HOTPLUG_SUPPORT"];

    [TestCase("PRESERVE_CONTXT", "PRESERVE_CONTEXT")]
    [TestCase("preserve_context", "PRESERVE_CONTEXT")]
    [TestCase("ON_CRAHS", "ON_CRASH")]
    public void Closest_finds_a_misspelt_name(string word, string expected) =>
        Assert.That(Suggestions.Closest(word, Flags), Is.EqualTo(expected));

    [Test]
    public void Closest_returns_null_when_nothing_is_near() =>
        Assert.That(Suggestions.Closest("BANANA", Flags), Is.Null);
}
