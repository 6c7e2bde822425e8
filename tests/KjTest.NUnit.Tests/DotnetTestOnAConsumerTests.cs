using KjTest.Runtime.Suite;

namespace KjTest.NUnit.Tests;

/// <summary>
/// The adapter as a user meets it: a project made from the template, referencing the packed package, run with
/// <c>dotnet test</c>; the assertions read what <c>--list-tests</c> prints and what <c>--logger trx</c> writes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DotnetTestOnAConsumerTests
{
    private Consumer _consumer = null!;
    private IReadOnlyList<string> _listed = [];
    private IReadOnlyDictionary<string, TrxResult> _serial = null!;
    private IReadOnlyDictionary<string, TrxResult> _parallel = null!;
    private string _results = "";

    [OneTimeSetUp]
    public void BuildAndRunTheConsumer()
    {
        _consumer = Consumer.Create();
        Consumer.Succeed(_consumer.Dotnet("build"));
        _listed = Consumer.Listed(_consumer.Dotnet("test", "--no-build", "--list-tests"));
        _results = Path.Combine(_consumer.Project, "TestResults");
        // Failing tests make dotnet test exit 1: the exit code is asserted on through the TRX outcomes instead.
        _consumer.Dotnet("test", "--no-build", "--results-directory", _results, "--logger", "trx;LogFileName=serial.trx", "--", "NUnit.NumberOfTestWorkers=0");
        _consumer.Dotnet("test", "--no-build", "--results-directory", _results, "--logger", "trx;LogFileName=parallel.trx", "--", "NUnit.NumberOfTestWorkers=2");
        _serial = TrxResult.Read(Path.Combine(_results, "serial.trx"));
        _parallel = TrxResult.Read(Path.Combine(_results, "parallel.trx"));
    }

    [OneTimeTearDown]
    public void RemoveTheConsumer() => _consumer?.Dispose();

    [Test]
    public void Every_bundled_scenario_and_era_cell_is_listed_once()
    {
        var catalogue = SuiteLoader.Default().Load([Path.Combine(Repository.Root, "scenarios", "**", "*.yaml")], Repository.Root).Files.Select(f => f.Name);
        string[] others = ["first-jump", "b1-stated-pass[cur]", "b1-stated-pass[k614]", "b1-stated-pass[k30]", "gap-stated-pass", "extra/broken.yaml", "no files match missing/**/*.yaml", "edited"];
        Assert.That(_listed, Is.EquivalentTo(catalogue.Concat(others)));
        Assert.That(_listed, Is.Unique);
    }

    [Test]
    public void Listing_twice_gives_the_same_names_in_the_same_order()
    {
        Assert.That(Consumer.Listed(_consumer.Dotnet("test", "--no-build", "--list-tests")), Is.EqualTo(_listed));
    }

    [Test]
    public void A_file_that_does_not_check_is_one_failing_not_runnable_test_with_its_rendered_diagnostics()
    {
        var broken = _serial["extra/broken.yaml"];
        Assert.That(broken.Outcome, Is.EqualTo("Failed"));
        Assert.That(broken.Message, Does.Contain("extra/broken.yaml:7:5: error KJ1103: unknown key 'segmnts' in an image"));
        Assert.That(broken.Message, Does.Contain(" 7 |     segmnts: []\n   |     ^^^^^^^"));
        Assert.That(broken.Message, Does.Contain("did you mean `segments`?"));
    }

    [Test]
    public void A_pattern_that_matches_nothing_is_one_failing_test_that_says_so()
    {
        var missing = _serial["no files match missing/**/*.yaml"];
        Assert.That(missing.Outcome, Is.EqualTo("Failed"));
        Assert.That(missing.Message, Does.StartWith("error KJ1005: no scenario file matches 'missing/**/*.yaml'"));
    }

    [Test]
    public void A_failing_scenario_leads_with_its_outcome_then_gives_the_crash_fields_and_points_at_its_line()
    {
        var failed = _serial["b1-stated-pass[k30]"];
        Assert.That(failed.Outcome, Is.EqualTo("Failed"));
        Assert.That(failed.Message, Does.StartWith("crash, stated pass\nFAIL b1-stated-pass[k30] (crash, stated pass) extra/b1-stated-pass.yaml\n"));
        Assert.That(failed.Message, Does.Contain("gdtr.limit: 0x7f -> 0x0"));
        Assert.That(failed.Message, Does.Contain("A never got control back: triple fault"));
        Assert.That(failed.StackTrace, Does.Contain($"{Path.Combine(_consumer.Project, "extra", "b1-stated-pass.yaml")}:line 37"));
        Assert.That(_serial["b1-stated-pass[cur]"].Outcome, Is.EqualTo("Passed"));
    }

    [Test]
    public void A_scenario_with_a_gap_fails_with_the_gap_fields_before_and_after()
    {
        var failed = _serial["gap-stated-pass"];
        Assert.That(failed.Outcome, Is.EqualTo("Failed"));
        Assert.That(failed.Message, Is.EqualTo("gap, stated pass\nFAIL gap-stated-pass (gap, stated pass) extra/gap-stated-pass.yaml\n    gap: 1 field, 0 memory pages\n      r12: 0x123456789abcdef -> 0xbad"));
    }

    [Test]
    public void A_non_pass_attaches_the_scenarios_html_report()
    {
        var attachment = _serial["b1-stated-pass[k30]"].Attachments.Single();
        var file = Directory.EnumerateFiles(_results, Path.GetFileName(attachment), SearchOption.AllDirectories).First();
        Assert.That(File.ReadAllText(file), Does.StartWith("<!DOCTYPE html>").And.Contain("b1-stated-pass[k30]"));
        Assert.That(_serial["first-jump"].Attachments, Is.Empty);
    }

    [Test]
    public void The_guests_console_is_the_tests_output()
    {
        Assert.That(_serial["first-jump"].Output, Does.Contain("B"));
        Assert.That(_serial["first-jump"].Outcome, Is.EqualTo("Passed"));
    }

    [Test]
    public void A_parallel_run_gives_the_results_of_a_serial_one()
    {
        Assert.That(_parallel.Keys, Is.EquivalentTo(_serial.Keys));
        foreach (var (name, serial) in _serial)
        {
            var parallel = _parallel[name];
            Assert.That((parallel.Outcome, parallel.Message, parallel.Output), Is.EqualTo((serial.Outcome, serial.Message, serial.Output)), name);
        }

        Assert.That(Overlapping(_serial), Is.Zero, "one worker runs one test at a time");
        Assert.That(Overlapping(_parallel), Is.Positive, "with two workers the catalogue's tests ran side by side");
    }

    [Test]
    public void A_category_filter_selects_by_tag()
    {
        var listed = Consumer.Listed(_consumer.Dotnet("test", "--no-build", "--list-tests", "--filter", "TestCategory=bug-b1"));
        Assert.That(listed, Is.EquivalentTo(new[]
        {
            "b1-gdt-not-restored[cur]", "b1-gdt-not-restored[k614]", "b1-gdt-not-restored[k30]",
            "b1-stated-pass[cur]", "b1-stated-pass[k614]", "b1-stated-pass[k30]",
        }));
    }

    [Test]
    public void A_property_filter_selects_by_era_when_running()
    {
        // The adapter applies property filters when it runs tests; discovery (--list-tests) knows only the standard ones.
        var results = Path.Combine(_consumer.Project, "EraResults");
        _consumer.Dotnet("test", "--no-build", "--filter", "Era=k30&TestCategory=bug-b1", "--results-directory", results, "--logger", "trx;LogFileName=era.trx");
        var ran = TrxResult.Read(Path.Combine(results, "era.trx"));
        Assert.That(ran.Keys, Is.EquivalentTo(new[] { "b1-gdt-not-restored[k30]", "b1-stated-pass[k30]" }));
        Assert.That(ran["b1-gdt-not-restored[k30]"].Outcome, Is.EqualTo("Passed"));
    }

    [Test]
    public void Each_run_reads_the_scenario_afresh_without_a_rebuild()
    {
        var path = Path.Combine(_consumer.Project, "fresh", "edited.yaml");
        var text = File.ReadAllText(path);
        try
        {
            File.WriteAllText(path, text.Replace("name: edited\n", "name: edited\noutcome: crash\n", StringComparison.Ordinal));
            var results = Path.Combine(_consumer.Project, "FreshResults");
            _consumer.Dotnet("test", "--no-build", "--filter", "FullyQualifiedName~Fresh", "--results-directory", results, "--logger", "trx;LogFileName=fresh.trx");
            var edited = TrxResult.Read(Path.Combine(results, "fresh.trx"));
            Assert.That(edited.Keys, Is.EqualTo(new[] { "edited" }));
            Assert.That(edited["edited"].Outcome, Is.EqualTo("Failed"));
            Assert.That(edited["edited"].Message, Does.StartWith("pass, stated crash"));
            Assert.That(_serial["edited"].Outcome, Is.EqualTo("Passed"), "the same test passed before the edit");
        }
        finally
        {
            File.WriteAllText(path, text);
        }
    }

    private static int Overlapping(IReadOnlyDictionary<string, TrxResult> results)
    {
        var spans = results.Values.OrderBy(r => r.Start).ToList();
        return spans.Zip(spans.Skip(1)).Count(p => p.Second.Start < p.First.End);
    }
}
