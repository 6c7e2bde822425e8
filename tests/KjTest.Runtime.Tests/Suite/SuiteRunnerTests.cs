using KjTest.Dsl.Model;
using KjTest.Runtime.Suite;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Suite;

/// <summary>The suite: discovery, check and plan once per file, results in input order whatever the jobs, fail-fast.</summary>
public class SuiteRunnerTests
{
    private static string Catalogue => ScenarioHarness.CatalogueDirectory;

    [Test]
    public void Results_come_in_input_order_and_are_the_same_with_one_or_two_jobs()
    {
        var load = SuiteLoader.Default().Load([Path.Combine(Catalogue, "validation"), Path.Combine(Catalogue, "smallest-kexec-jump.yaml")], Catalogue);
        Assert.That(load.AllValid, Is.True);

        var serial = new List<(int, string)>();
        var parallel = new List<(int, string)>();
        SuiteRunner.Run(load.Files, 1, failFast: false, r => serial.Add((r.Index, Describe(r.Result))));
        SuiteRunner.Run(load.Files, 2, failFast: false, r => parallel.Add((r.Index, Describe(r.Result))));

        Assert.That(serial.Select(s => s.Item1), Is.EqualTo(Enumerable.Range(0, load.Files.Count)));
        Assert.That(parallel, Is.EqualTo(serial));
    }

    [Test]
    public void An_invalid_file_is_an_error_result_and_the_others_still_run()
    {
        using var folder = new TempScenarioFolder();
        folder.Write("a-bad.yaml", "name: bad\nera: nope\n");
        folder.Copy(Path.Combine(Catalogue, "smallest-kexec-jump.yaml"));
        var load = SuiteLoader.Default().Load([folder.Path], folder.Path);

        var results = SuiteRunner.Run(load.Files, 2, failFast: false, _ => { });

        Assert.That(results.Select(r => r!.Result.Actual), Is.EqualTo(new[] { OutcomeKind.Error, OutcomeKind.Pass }));
        Assert.That(results[0]!.Result.Messages.Select(m => m.Id), Has.Some.StartWith("KJ1"));
    }

    [Test]
    public void Fail_fast_runs_nothing_after_the_first_result_that_does_not_pass()
    {
        using var folder = new TempScenarioFolder();
        folder.Write("a-bad.yaml", "name: bad\nera: nope\n");
        folder.Copy(Path.Combine(Catalogue, "smallest-kexec-jump.yaml"));
        folder.Copy(Path.Combine(Catalogue, "k27-round-trip.yaml"));
        var load = SuiteLoader.Default().Load([folder.Path], folder.Path);

        var seen = new List<int>();
        var results = SuiteRunner.Run(load.Files, 1, failFast: true, r => seen.Add(r.Index));

        Assert.That(seen, Is.EqualTo(new[] { 0 }));
        Assert.That(results.Skip(1), Has.All.Null);
    }

    [Test]
    public void A_scenario_is_identified_by_its_relative_path_and_name_with_a_content_hash()
    {
        var load = SuiteLoader.Default().Load([Path.Combine(Catalogue, "smallest-kexec-jump.yaml")], Path.GetDirectoryName(Catalogue));

        Assert.That(load.Files.Single().Id, Is.EqualTo("scenarios/smallest-kexec-jump.yaml::smallest-kexec-jump"));
        Assert.That(load.Files.Single().ContentHash, Has.Length.EqualTo(16).And.Match("^[0-9a-f]+$"));
    }

    private static string Describe(Runtime.Scenarios.ScenarioResult r) => $"{r.Name} {r.Actual} {string.Join("|", r.Messages)}";
}
