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

    [Test]
    public void The_banded_distance_equals_the_full_distance_within_the_band_and_says_beyond_past_it()
    {
        var random = new Random(13);
        for (var round = 0; round < 2_000; round++)
        {
            var a = Word(random);
            var b = random.Next(3) == 0 ? Word(random) : Mutate(a, random);
            var max = random.Next(0, 6);

            var full = Suggestions.Distance(a, b);

            Assert.That(Suggestions.Distance(a, b, max), Is.EqualTo(Math.Min(full, max + 1)), $"'{a}' '{b}' max {max}");
        }
    }

    [Test]
    public void A_misspelling_of_sixty_four_characters_still_gets_its_hint()
    {
        var name = new string('A', 30) + "_" + new string('B', 33);
        var typo = name[..40] + "X" + name[41..];

        Assert.That(Suggestions.Closest(typo, [name, "OTHER"]), Is.EqualTo(name));
    }

    [Test]
    public void A_token_of_four_megabytes_gets_no_hint_and_costs_no_matrix()
    {
        var token = new string('P', 4 << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var hint = Suggestions.DidYouMean(token, Flags);

        Assert.That(hint, Is.Null);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }

    [Test]
    public void A_long_candidate_against_a_short_word_is_refused_in_linear_memory()
    {
        var candidate = new string('Q', 1 << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.That(Suggestions.Closest("QQQQ", [candidate]), Is.Null);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(16L << 20), "a full matrix would take 16 MiB per row of the word");
    }

    private static string Word(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(4)))]);

    private static string Mutate(string word, Random random)
    {
        var chars = word.ToList();
        for (var edits = random.Next(0, 5); edits > 0; edits--)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.Insert(at, (char)('a' + random.Next(4))); break;
                case 1 when chars.Count > 0: chars.RemoveAt(at); break;
                case 2 when chars.Count > 0: chars[at] = (char)('a' + random.Next(4)); break;
                case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string([.. chars]);
    }
}
