using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Scenarios.Faults;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>The era table: one row per era, each row consistent with the vocabulary and with what its kernel model builds.</summary>
public class EraTableTests
{
    public static IEnumerable<KernelEra> AllEras => Enum.GetValues<KernelEra>();

    [Test]
    public void Every_era_has_exactly_one_row_and_every_scenario_era_word_names_one()
    {
        Assert.That(EraTable.All.Select(e => e.Era), Is.EquivalentTo(AllEras));
        Assert.That(Enum.GetValues<Era>().Select(e => EraTable.Named(e.ToString())?.Name), Is.EqualTo(Enum.GetValues<Era>().Select(e => e.ToString().ToLowerInvariant())));
    }

    [TestCaseSource(nameof(AllEras))]
    public void Every_known_bug_has_a_status_and_a_reason_unless_injectable(KernelEra era)
    {
        var traits = EraTable.Of(era);
        foreach (var id in KnownBugs.Ids)
        {
            var bug = traits.Bug(id);
            Assert.That(bug, Is.Not.Null, id);
            Assert.That(bug!.Status == BugStatus.Injectable, Is.EqualTo(bug.Reason is null), id);
            Assert.That(bug.Status == BugStatus.Injectable || bug.Reason!.StartsWith(id + " ", StringComparison.Ordinal), Is.True, $"{id}: {bug.Reason}");
        }

        Assert.That(traits.Bugs.Keys, Is.SubsetOf(KnownBugs.Ids));
    }

    [TestCaseSource(nameof(AllEras))]
    public void Missing_points_are_points_of_the_vocabulary(KernelEra era)
    {
        Assert.That(EraTable.Of(era).MissingPoints.Keys, Is.SubsetOf(FaultPoints.Names));
    }

    [Test]
    public void The_point_table_matches_the_vocabulary()
    {
        Assert.That(FaultPoints.Names, Is.EqualTo(Dsl.Vocabulary.PmPhases.Points));
    }

    [TestCaseSource(nameof(AllEras))]
    public void Each_era_runs_the_smallest_jump_on_its_architecture_and_names_every_control_page(KernelEra era)
    {
        var traits = EraTable.Of(era);
        var i386 = traits.Arches[0] == KernelArch.I386;
        var yaml = $"name: t\nera: {traits.Name}\narch: {(i386 ? "i386" : "x86_64")}\nimages:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        hex: \"c3\"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect:\n      registers: {{ {(i386 ? "ebx" : "rbx")}: 0 }}\n";
        var planned = ScenarioPlanner.Plan(ScenarioHarness.Check(yaml), ".");

        Assert.That(planned.Plan, Is.Not.Null, string.Join("\n", planned.Diagnostics));
        Assert.That(planned.Plan!.Previews[0].Layout!.ControlPages, Has.Count.EqualTo(traits.ControlPageRoles.Count));
        if (era != KernelEra.K30)
        {
            // K30 does not restore the GDT (B1): the smallest jump crashes there, as the catalogue shows.
            var result = Runtime.Scenarios.ScenarioRunner.Run(planned.Plan);
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
        }
    }

    [TestCaseSource(nameof(AllEras))]
    public void An_era_refuses_the_architecture_it_does_not_model(KernelEra era)
    {
        var traits = EraTable.Of(era);
        var other = traits.Arches[0] == KernelArch.I386 ? "x86_64" : "i386";
        var yaml = $"name: t\nera: {traits.Name}\narch: {other}\nimages:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        hex: \"c3\"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n";
        var parsed = new Dsl.Checking.ScenarioChecker().Check(new Dsl.Reading.ScenarioReader([new Dsl.Yaml.YamlFrontEnd()]).Read("t.yaml", System.Text.Encoding.UTF8.GetBytes(yaml)));
        if (!parsed.Succeeded)
        {
            // The checker already refuses k27 on x86_64 (KJ15xx); either way the scenario does not run.
            Assert.That(parsed.Diagnostics.Select(d => d.Id), Is.Not.Empty);
            return;
        }

        var planned = ScenarioPlanner.Plan(parsed.Scenario!, ".");
        Assert.That(planned.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1701" }));
    }
}
