using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Faults;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>The fault table: one injector per vocabulary kind, each shown by a catalogue scenario whose result it changes.</summary>
public class FaultInjectorTableTests
{
    // For each kind, a catalogue scenario in which the fault decides the result.
    private static readonly Dictionary<string, string> Witness = new(StringComparer.Ordinal)
    {
        ["device_pm_failure"] = "pm-step-failures.yaml",
        ["kernel_step_failure"] = "pm-step-failures.yaml",
        ["device_state_lost"] = "device-state-lost.yaml",
        ["dma"] = "dma-after-return.yaml",
        ["irq"] = "irq-masked-stays-pending.yaml",
        ["nmi"] = "nmi-at-machine-kexec-k30.yaml",
        ["clobber"] = "clobber-after-machine-kexec.yaml",
        ["alloc_failure"] = "alloc-failures.yaml",
        ["lock_held"] = "validation/row08-lock-held.yaml",
        ["relocate_bug"] = "b2-lost-flag-cur.yaml",
        ["neighbour_page"] = "neighbour-page-b4-k27.yaml",
    };

    public static IEnumerable<string> Kinds => FaultKinds.All.Keys.Order(StringComparer.Ordinal);

    [Test]
    public void The_injector_table_has_exactly_the_vocabularys_fault_kinds()
    {
        Assert.That(FaultInjectors.All.Keys.Order(StringComparer.Ordinal), Is.EqualTo(Kinds));
    }

    [Test]
    public void The_witness_table_covers_every_kind()
    {
        Assert.That(Witness.Keys.Order(StringComparer.Ordinal), Is.EqualTo(Kinds));
    }

    [TestCaseSource(nameof(Kinds))]
    public void Every_kind_has_a_scenario_in_the_catalogue(string kind)
    {
        var files = Directory.EnumerateFiles(ScenarioHarness.CatalogueDirectory, "*.yaml", SearchOption.AllDirectories);

        Assert.That(files.Where(f => File.ReadAllText(f).Contains($"fault: {kind}\n", StringComparison.Ordinal)), Is.Not.Empty);
    }

    [TestCaseSource(nameof(Kinds))]
    public void Removing_the_kinds_faults_changes_the_witness_scenarios_result(string kind)
    {
        var scenario = ScenarioHarness.CheckCatalogueFile(Witness[kind]);
        var without = scenario with { Steps = [.. scenario.Steps.Where(s => s is not FaultStep f || f.Kind.Value != kind)] };
        Assert.That(without.Steps, Has.Count.LessThan(scenario.Steps.Count), "the witness injects the kind");

        var with = ScenarioRunner.Run(scenario, ScenarioHarness.CatalogueDirectory);
        var after = ScenarioRunner.Run(without, ScenarioHarness.CatalogueDirectory);

        Assert.That(with.Passed, Is.True, ScenarioCatalogueTests.Describe(with));
        Assert.That(Fingerprint(after), Is.Not.EqualTo(Fingerprint(with)));
    }

    private static string Fingerprint(ScenarioResult result) =>
        $"{result.Actual}|{string.Join("|", result.Messages.Select(m => m.Text))}|{string.Join(",", result.Gap?.Fields.Select(f => f.Name + f.After) ?? [])}|{result.Gap?.Pages.Count}";
}
