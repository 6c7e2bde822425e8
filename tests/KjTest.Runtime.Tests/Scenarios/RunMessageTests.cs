using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Checks;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>The run messages the CLI's golden reports cannot show: KjTest's own failure, and a skipped scenario.</summary>
public class RunMessageTests
{
    private const string Smallest = "name: t\nimages:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        hex: \"c3\"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n";

    [Test]
    public void A_fault_of_KjTest_itself_is_an_error_outcome_with_the_internal_error_id_never_an_exception()
    {
        var plan = ScenarioPlanner.Plan(ScenarioHarness.Check(Smallest), ".").Plan!;

        // A check of a device the machine does not have cannot come from the planner: it stands for a bug of KjTest.
        var broken = plan with { Steps = [.. plan.Steps, new ExpectPlan(SourceSpan.None, [new RegisterCheck(SourceSpan.None, "ghost.reg", "ghost", "reg", 0, null)])] };
        var result = ScenarioRunner.Run(broken);

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages.Select(m => m.ToString()), Is.EqualTo(new[] { "KJ1601: KjTest failed while running the scenario (InvalidOperationException): register ghost.reg vanished from the machine" }));
    }

    [Test]
    public void A_skipped_scenario_is_not_run_and_says_so()
    {
        var result = ScenarioHarness.Run(Smallest + "outcome: { kind: skip, reason: needs a cache model }\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Skip));
        Assert.That(result.Stats.Instructions, Is.Zero);
        Assert.That(result.Messages.Select(m => m.ToString()), Is.EqualTo(new[] { "KJ1616: skipped: needs a cache model" }));
    }
}
