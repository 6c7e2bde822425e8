using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Scenarios.Tracing;

namespace KjTest.Runtime.Tests.Scenarios;

public class ScenarioTraceTests
{
    private static readonly string[] Scenarios =
    [
        "smallest-kexec-jump.yaml", "b1-gdt-not-restored.yaml@k30", "k27-round-trip.yaml", "nmi-in-callee-cur.yaml",
        "irq-in-callee.yaml", "b2-lost-flag-cur.yaml", "callee-sse-faults.yaml", "debug-idt-breakpoint-cur.yaml",
    ];

    [TestCaseSource(nameof(Scenarios))]
    public void A_traced_run_gives_the_same_result_as_an_untraced_one(string file)
    {
        var plan = Plan(file);

        var untraced = ScenarioRunner.Run(plan);
        var lines = 0;
        var traced = ScenarioTrace.Run(plan, new TraceOptions(), _ => lines++).Result;

        Assert.That(lines, Is.GreaterThan(0));
        Assert.That(Describe(traced), Is.EqualTo(Describe(untraced)));
        Assert.That(Describe(ScenarioRunner.Run(plan)), Is.EqualTo(Describe(untraced)), "and tracing leaves nothing behind");
    }

    [Test]
    public void The_last_instructions_of_a_crash_are_traced_only_when_asked_for()
    {
        var result = ScenarioRunner.Run(Plan("b1-gdt-not-restored.yaml@k30"));

        var instructions = result.Crash!.LastInstructions;

        Assert.That(instructions, Has.Count.EqualTo(ScenarioRunner.CrashTraceLength));
        Assert.That(instructions[^1], Does.Contain("mov ss,ax").And.EndWith("!! #GP(0x18)"));
    }

    [Test]
    public void Symbols_name_the_closest_label_at_or_below_an_address()
    {
        var symbols = new TraceSymbols();
        symbols.Add(0x1000, 0x100, "", "relocate_kernel", [new("identity_mapped", 0x20), new("swap_pages", 0x80)]);
        symbols.Add(0x400000, 0x1000, "B:", "b", []);

        Assert.That(symbols.Name(0x1000), Is.EqualTo("relocate_kernel"));
        Assert.That(symbols.Name(0x101c), Is.EqualTo("relocate_kernel+0x1c"));
        Assert.That(symbols.Name(0x1080), Is.EqualTo("swap_pages"));
        Assert.That(symbols.Name(0x10ff), Is.EqualTo("swap_pages+0x7f"));
        Assert.That(symbols.Name(0x1100), Is.Null);
        Assert.That(symbols.Name(0x400010), Is.EqualTo("B:b+0x10"));
    }

    [Test]
    public void An_address_a_page_or_more_past_its_label_is_named_from_its_region()
    {
        var symbols = new TraceSymbols();
        symbols.Add(0x400000, 0x100000, "B:", "b", [new("start", 0), new("helper", 0x59)]);

        Assert.That(symbols.Name(0x400060), Is.EqualTo("B:helper+0x7"));
        Assert.That(symbols.Name(0x4fe000), Is.EqualTo("B:b+0xfe000"));
    }

    private static RunPlan Plan(string file)
    {
        // FILE@ERA names one era's cell of a per-era scenario.
        var parts = file.Split('@');
        var scenario = ScenarioHarness.CheckCatalogueFile(parts[0]);
        if (parts.Length == 2)
        {
            scenario = KjTest.Runtime.Suite.EraMatrix.On(scenario, Enum.Parse<Dsl.Model.Era>(parts[1], ignoreCase: true));
        }

        var planned = ScenarioPlanner.Plan(scenario, ScenarioHarness.CatalogueDirectory);
        Assert.That(planned.Plan, Is.Not.Null, string.Join("\n", planned.Diagnostics.Select(d => d.Message)));
        return planned.Plan!;
    }

    private static string Describe(ScenarioResult r) =>
        string.Join(
            "\n",
            [
                $"{r.Actual} {r.Passed} {r.Stats}",
                .. r.Messages.Select(m => m.ToString()),
                .. r.Gap?.Fields.Select(f => $"{f.Name} {f.Before} {f.After}") ?? [],
                .. r.Gap?.Pages.Select(p => $"page 0x{p.Address:x}") ?? [],
                .. r.Crash?.Fields.Select(f => $"crash {f.Name} {f.Before} {f.After}") ?? [],
                r.Console,
            ]);
}
