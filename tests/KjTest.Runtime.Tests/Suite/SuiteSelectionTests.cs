using KjTest.Runtime.Suite;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Suite;

/// <summary>Selection: filter expressions, tags, and shards that are complete, disjoint and balanced.</summary>
public class SuiteSelectionTests
{
    private static readonly SuiteLoad Catalogue = SuiteLoader.Default().Load([ScenarioHarness.CatalogueDirectory], ScenarioHarness.CatalogueDirectory);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(200)]
    public void Every_scenario_is_in_exactly_one_shard_and_shards_differ_by_at_most_one(int count)
    {
        var shards = Enumerable.Range(1, count).Select(i => new SuiteSelection(null, [], [], (i, count)).Apply(Catalogue.Files)).ToList();

        Assert.That(shards.SelectMany(s => s.Select(f => f.Id)), Is.EquivalentTo(Catalogue.Files.Select(f => f.Id)));
        Assert.That(shards.Max(s => s.Count) - shards.Min(s => s.Count), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void A_shard_keeps_input_order_and_does_not_depend_on_the_other_files()
    {
        var shard = new SuiteSelection(null, [], [], (1, 2)).Apply(Catalogue.Files);
        var order = shard.Select(f => Catalogue.Files.ToList().IndexOf(f)).ToList();

        Assert.That(order, Is.Ordered);
    }

    [TestCase("smallest", "smallest-kexec-jump")]
    [TestCase("name=smallest*", "smallest-kexec-jump")]
    [TestCase("tag=k27 & !(name=ping*)", "k27-round-trip")]
    [TestCase("tag=k27 & !(name=ping*) & name=ping*", null)]
    [TestCase("(era=k27 | era=k30) & tag=bug-b4 & arch=i386", "b4-reentry-k27")]
    [TestCase("file=validation/row08*", "validation-row08-lock-held")]
    public void A_filter_expression_selects_what_it_says(string expression, string? expected)
    {
        var filter = SuiteFilter.Parse(expression, out var error);
        Assert.That(error, Is.Null);

        var names = new SuiteSelection(filter, [], [], null).Apply(Catalogue.Files).Select(f => f.Name).Distinct();

        if (expected is null)
        {
            Assert.That(names, Is.Empty);
            return;
        }

        Assert.That(names, Has.Member(expected));
        Assert.That(names.Count(), Is.LessThan(Catalogue.Files.Select(f => f.Name).Distinct().Count()));
    }

    [TestCase("tag=", "expected a word")]
    [TestCase("colour=red", "unknown field 'colour'")]
    [TestCase("(tag=a", "missing ')'")]
    [TestCase("tag=a b", "unexpected 'b'")]
    public void A_bad_expression_says_where(string expression, string message)
    {
        Assert.That(SuiteFilter.Parse(expression, out var error), Is.Null);
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void A_deeply_nested_expression_is_refused_not_a_stack_overflow()
    {
        var expression = new string('(', 100_000) + "tag=a" + new string(')', 100_000);

        Assert.That(SuiteFilter.Parse(expression, out var error), Is.Null);
        Assert.That(error, Does.Contain("at most"));
        Assert.That(SuiteFilter.Parse(new string('(', 100) + "tag=a" + new string(')', 100), out error), Is.Null);
        Assert.That(error, Does.Contain("nested more than"));
    }
}
