using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Suite;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Suite;

public class EraMatrixTests
{
    private const string Table = """
        name: table
        outcome:
          default: fail
          k30: crash
          cur: pass
        images:
          - name: b
            segments:
              - { mem: 0x400000, memsz: 0x1000, hex: "c3" }
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: { preserved: all }

        """;

    [Test]
    public void A_per_era_file_loads_as_one_cell_per_named_era_in_era_order_with_stable_ids()
    {
        using var folder = new TempScenarioFolder();
        folder.Write("t.yaml", Table);

        var load = SuiteLoader.Default().Load([folder.Path], root: folder.Path);

        Assert.That(load.Files.Select(f => f.Id), Is.EqualTo(new[] { "t.yaml::table[cur]", "t.yaml::table[k30]" }));
        Assert.That(load.Files.Select(f => f.Parsed.Scenario!.Outcome.Kind.Value), Is.EqualTo(new[] { OutcomeKind.Pass, OutcomeKind.Crash }));
        Assert.That(load.ByFile, Has.Count.EqualTo(1));
        Assert.That(load.ByFile[0].Scenario!.Name.Value, Is.EqualTo("table"));
    }

    [Test]
    public void An_era_the_run_asks_for_takes_the_default_row()
    {
        using var folder = new TempScenarioFolder();
        folder.Write("t.yaml", Table);

        var load = SuiteLoader.Default().Load([folder.Path], root: folder.Path, overrides: SuiteOverrides.None with { Eras = [Era.K614] });

        Assert.That(load.Files.Single().Parsed.Scenario!.Outcome.Kind.Value, Is.EqualTo(OutcomeKind.Fail));
    }

    [Test]
    public void A_cell_keeps_the_scenarios_architecture_so_an_i386_scenario_is_refused_on_an_x86_64_era()
    {
        var scenario = ScenarioHarness.CheckCatalogueFile("ping-pong-k27.yaml");

        var cell = EraMatrix.On(scenario, Era.Cur);

        Assert.That(cell.EffectiveArch, Is.EqualTo(Arch.I386));
        Assert.That(ScenarioRunner.Run(cell, ScenarioHarness.CatalogueDirectory).Messages.Select(m => m.Id), Does.Contain("KJ1701"));
    }

    [Test]
    public void Each_cell_of_a_catalogue_table_produces_its_rows_outcome()
    {
        var results = Enum.GetValues<Era>().Where(e => e != Era.K27)
            .Select(era => ScenarioHarness.RunCatalogueFile("b4-reentry.yaml", era)).ToList();

        Assert.That(results.Select(r => (r.Name, r.Actual, r.Passed)), Is.EqualTo(new[]
        {
            ("b4-reentry[cur]", OutcomeKind.Pass, true),
            ("b4-reentry[k614]", OutcomeKind.Pass, true),
            ("b4-reentry[k30]", OutcomeKind.Fail, true),
        }));
    }
}
