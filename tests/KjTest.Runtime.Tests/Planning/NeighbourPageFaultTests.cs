using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>
/// neighbour_page writes the word bug B4 reads as the re-entry point (reference kexec-jump.md section 7): the first
/// word of the page above the swap page, which K27 and K30 read after the image's plain <c>ret</c>, and CUR with
/// relocate_bug B4. The planner refuses a layout where that page is the kernel's.
/// </summary>
public class NeighbourPageFaultTests
{
    // K30 does not restore the GDT (B1): the image loads A's own GDT through its identity alias before returning.
    private const string X86_64Image = "          start:\n            mov rax, gdt_desc\n            lgdt [rax]\n            ret\n          gdt_desc:\n            dw 0x7f\n            dq 0x102000\n          back:\n            ret";

    private const string I386Image = "          start:\n            ret\n          back:\n            ret";

    private static string Scenario(string era, bool seed, bool fault, ulong value = 0)
    {
        var asm = era == "k27" ? I386Image : X86_64Image;
        return $"name: t\nera: {era}\n" + (seed ? "seed: 1\n" : "") + "machine:\n  ram: 64MiB\nimages:\n  - name: b\n    entry: start\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        asm: |\n"
            + asm + "\nsteps:\n"
            + (era == "cur" ? "  - fault: relocate_bug\n    bug: B4\n" : "")
            + "  - load: b\n    flags: [PRESERVE_CONTEXT]\n"
            + (fault ? $"  - fault: neighbour_page\n    value: {value}\n" : "")
            + "  - jump: ok\n  - expect:\n      image_start: back\n";
    }

    private static ulong Back(string era) => ScenarioPlanner.Plan(ScenarioHarness.Check(Scenario(era, seed: true, fault: false)), ".").Plan!.Labels["back"];

    [TestCase("k27")]
    [TestCase("k30")]
    [TestCase("cur")]
    public void The_re_entry_point_is_the_word_written_above_the_swap_page(string era)
    {
        // The value is decimal, as the README's number rules say (the runner once read it as hex).
        var back = Back(era);
        var result = ScenarioHarness.Run(Scenario(era, seed: true, fault: true, value: back));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
    }

    [TestCase("k27")]
    [TestCase("k30")]
    [TestCase("cur")]
    public void Without_the_fault_the_re_entry_point_is_what_the_free_page_held(string era)
    {
        var result = ScenarioHarness.Run(Scenario(era, seed: true, fault: false));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Fail), ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.StartWith("image->start is 0x0,"));
    }

    [TestCase("k27", "the control page holding relocate_kernel's code and data")]
    [TestCase("k30", "the first control page, the root of the identity page table")]
    [TestCase("cur", "the control page holding relocate_kernel's code and data")]
    public void In_the_default_layout_the_page_is_the_kernels_and_the_planner_names_its_owner(string era, string owner)
    {
        var yaml = Scenario(era, seed: false, fault: true, value: 1);
        var valueLine = Array.IndexOf(yaml.Split('\n'), "    value: 1") + 1;

        var planned = ScenarioPlanner.Plan(ScenarioHarness.Check(yaml), ".");

        Assert.That(planned.Plan, Is.Null);
        Assert.That(planned.Diagnostics.Select(d => (d.Id, d.Span.Line, d.Span.Column)), Is.EqualTo(new[] { ("KJ1717", valueLine, 12) }));
        Assert.That(planned.Diagnostics[0].Message, Does.Contain($"which is {owner};"));
    }

    [Test]
    public void A_neighbour_page_before_any_load_is_refused()
    {
        var yaml = Scenario("k27", seed: true, fault: true, value: 1).Replace("  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: neighbour_page\n    value: 1\n", "  - fault: neighbour_page\n    value: 1\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n", StringComparison.Ordinal);

        var planned = ScenarioPlanner.Plan(ScenarioHarness.Check(yaml), ".");

        Assert.That(planned.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1716" }));
    }
}
