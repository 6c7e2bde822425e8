using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class CrashStateTests
{
    private static readonly string[] SystemFields =
    [
        "gdtr.base", "gdtr.limit", "idtr.base", "idtr.limit", "tr", "ldtr",
        "cs", "ss", "ds", "es", "fs", "gs", "cr0", "cr3", "cr4", "msr.efer",
    ];

    [Test]
    public void K30_triple_fault_shows_the_null_gdt_of_bug_b1_at_the_crash()
    {
        var result = ScenarioHarness.RunCatalogueFile("b1-gdt-not-restored.yaml", Dsl.Model.Era.K30);

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Crash, Is.Not.Null);
        var crash = result.Crash!;
        Assert.That(crash.Kind, Is.EqualTo(JumpEndKind.TripleFault));

        // Reference section 7, B1: machine_kexec left GDTR = {base __va(0), limit 0}; A's GDT has 16 entries.
        Assert.That(crash.Field("gdtr.limit"), Is.EqualTo(new GapField("gdtr.limit", "0x7f", "0x0")));
        Assert.That(crash.Field("gdtr.base")?.After, Is.EqualTo("0xffff888000000000"));
        Assert.That(crash.Field("gdtr.base")?.Before, Is.Not.EqualTo("0xffff888000000000"));
    }

    [Test]
    public void Crash_state_holds_only_system_fields()
    {
        var result = ScenarioHarness.RunCatalogueFile("b1-gdt-not-restored.yaml", Dsl.Model.Era.K30);

        Assert.That(result.Crash?.Fields.Select(f => f.Name), Is.SubsetOf(SystemFields));
        Assert.That(result.Crash?.Field("idtr.base"), Is.Null, "A's IDTR is untouched by B1");
    }

    [Test]
    public void Exception_in_the_control_page_debug_idt_is_a_crash_state_of_kind_exception()
    {
        var result = RunScenario("nmi-in-callee-cur.yaml");

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Crash?.Kind, Is.EqualTo(JumpEndKind.Exception));
        Assert.That(result.Crash?.Field("idtr.limit")?.After, Is.EqualTo("0xff"), "the debug IDT has 16 vectors");
    }

    [Test]
    public void Smallest_kexec_jump_on_cur_returns_with_no_crash_state_and_no_gap()
    {
        var result = RunScenario("smallest-kexec-jump.yaml");

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Crash, Is.Null);
        Assert.That(result.Gap, Is.Null);
    }

    private static ScenarioResult RunScenario(string file) => ScenarioHarness.RunCatalogueFile(file);
}
