namespace KjTest.NUnit.Tests;

/// <summary>Discovery in process: which cases a fixture's attributes give, and why a case cannot run.</summary>
public sealed class FixtureScenariosTests
{
    private string _root = "";

    [SetUp]
    public void MakeAProject()
    {
        _root = Directory.CreateTempSubdirectory("kjtest-discovery-").FullName;
        var scenarios = Path.Combine(_root, "scenarios");
        Directory.CreateDirectory(Path.Combine(scenarios, "more"));
        var smallest = File.ReadAllText(Path.Combine(Repository.Root, "templates", "content", "kjtest-scenarios", "scenarios", "first-jump.yaml"));
        File.WriteAllText(Path.Combine(scenarios, "one.yaml"), smallest);
        File.WriteAllText(Path.Combine(scenarios, "more", "two.yaml"), smallest);
        File.WriteAllText(Path.Combine(scenarios, "other.yaml"), smallest.Replace("name: first-jump", "name: other", StringComparison.Ordinal));
    }

    [TearDown]
    public void RemoveIt() => Directory.Delete(_root, recursive: true);

    [KjTestScenarios("scenarios/other.yaml")]
    private sealed class OneFile;

    [KjTestScenarios("scenarios/**/*.yaml")]
    private sealed class SharedName;

    [KjTestScenarios("scenarios/other.yaml", Eras = "cur,k30")]
    private sealed class TwoEras;

    [KjTestScenarios("scenarios/other.yaml", Eras = "k31")]
    private sealed class NotAnEra;

    [KjTestScenarios("scenarios/other.yaml", Jobs = 0)]
    private sealed class NoJobs;

    [KjTestScenarios("scenarios", Filter = "name=other")]
    private sealed class Filtered;

    [KjTestScenarios("scenarios/other.yaml")]
    [KjTestScenarios("scenarios/*.yaml")]
    private sealed class TwoAttributes;

    private sealed class NoAttribute;

    [Test]
    public void A_scenario_is_one_runnable_case_with_its_stable_id_and_line()
    {
        var only = FixtureScenarios.Discover(typeof(OneFile), _root).Single();
        Assert.That((only.Name, only.Id, only.RelativePath, only.NotRunnable), Is.EqualTo(("other", "scenarios/other.yaml::other", "scenarios/other.yaml", (string?)null)));
        Assert.That(only.Line, Is.EqualTo(4), "the line of name:");
        Assert.That(only.FullPath, Is.EqualTo(Path.Combine(_root, "scenarios", "other.yaml")));
    }

    [Test]
    public void Two_files_stating_one_name_are_both_not_runnable_never_merged()
    {
        var cases = FixtureScenarios.Discover(typeof(SharedName), _root);
        var shared = cases.Where(c => c.Name == "first-jump").ToList();
        Assert.That(shared.Select(c => c.RelativePath), Is.EquivalentTo(new[] { "scenarios/one.yaml", "scenarios/more/two.yaml" }));
        Assert.That(shared.Select(c => c.NotRunnable), Has.All.Contains("the name 'first-jump' is used by 2 files (scenarios/more/two.yaml, scenarios/one.yaml)"));
        Assert.That(cases.Single(c => c.Name == "other").NotRunnable, Is.Null);
    }

    [Test]
    public void Eras_make_one_case_per_era_named_after_it()
    {
        var cases = FixtureScenarios.Discover(typeof(TwoEras), _root);
        Assert.That(cases.Select(c => c.Name), Is.EqualTo(new[] { "other[cur]", "other[k30]" }));
        Assert.That(cases.Select(c => c.Id), Is.EqualTo(new[] { "scenarios/other.yaml::other[cur]", "scenarios/other.yaml::other[k30]" }));
    }

    [Test]
    public void A_word_that_is_not_an_era_is_a_not_runnable_case_with_a_hint()
    {
        var only = FixtureScenarios.Discover(typeof(NotAnEra), _root).Single();
        Assert.That(only.NotRunnable, Does.Contain("Eras 'k31' is not an era; write one of").And.Contain("did you mean"));
    }

    [Test]
    public void Jobs_below_one_is_a_not_runnable_case()
    {
        Assert.That(FixtureScenarios.Discover(typeof(NoJobs), _root).Single().NotRunnable, Does.Contain("Jobs must be 1 or more, not 0"));
    }

    [Test]
    public void A_filter_selects_as_kjtest_run_filter_does()
    {
        Assert.That(FixtureScenarios.Discover(typeof(Filtered), _root).Select(c => c.Name), Is.EqualTo(new[] { "other" }));
    }

    [Test]
    public void A_file_two_attributes_name_is_one_case()
    {
        var cases = FixtureScenarios.Discover(typeof(TwoAttributes), _root);
        Assert.That(cases.Select(c => c.Id), Is.EqualTo(new[] { "scenarios/other.yaml::other", "scenarios/one.yaml::first-jump" }));
    }

    [Test]
    public void A_fixture_without_the_attribute_is_one_not_runnable_case_that_says_what_to_write()
    {
        Assert.That(FixtureScenarios.Discover(typeof(NoAttribute), _root).Single().NotRunnable, Does.Contain("put [KjTestScenarios(\"scenarios/**/*.yaml\")] on it"));
    }

    [Test]
    public void A_project_folder_that_is_gone_falls_back_to_the_assemblys_own()
    {
        Assert.That(ProjectDirectory.Of(typeof(FixtureScenariosTests).Assembly), Is.EqualTo(Path.GetDirectoryName(typeof(FixtureScenariosTests).Assembly.Location)));
    }
}
