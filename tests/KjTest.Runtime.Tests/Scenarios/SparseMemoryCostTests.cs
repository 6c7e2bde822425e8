using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>The host cost of a machine follows the pages it touches, not the RAM it declares.</summary>
public class SparseMemoryCostTests
{
    private const string Body = """
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                hex: "c3"
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: { preserved: all }
        """;

    [TestCase("1TiB")]
    public void A_large_machine_running_a_small_scenario_allocates_about_what_a_64_MiB_one_does(string ram)
    {
        var small = Allocated("64MiB", out var smallResult);
        var large = Allocated(ram, out var largeResult);

        Assert.That(smallResult.Actual, Is.EqualTo(OutcomeKind.Pass), string.Join("\n", smallResult.Messages.Select(m => m.Text)));
        Assert.That(largeResult.Actual, Is.EqualTo(OutcomeKind.Pass), string.Join("\n", largeResult.Messages.Select(m => m.Text)));
        // The extra is kexec's identity map of the larger RAM in 2 MiB pages (1024 page tables for 1 TiB, which Linux
        // builds too) and the first-level table of 1 GiB groups; before, a 1 TiB machine cost 12 GiB and 89 s.
        Assert.That(large, Is.LessThan(small + (24L << 20)), $"64 MiB: {small >> 10} KiB allocated; {ram}: {large >> 10} KiB");
    }

    private static long Allocated(string ram, out ScenarioResult result)
    {
        var yaml = $"name: ram-{ram}\nmachine:\n  ram: {ram}\n" + Body;
        var scenario = ScenarioHarness.Check(yaml);
        var before = GC.GetAllocatedBytesForCurrentThread();
        result = KjTest.Runtime.Scenarios.ScenarioRunner.Run(scenario, ".");
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
