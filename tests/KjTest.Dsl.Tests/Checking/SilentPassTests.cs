using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Checking;

/// <summary>No silent passes: what the checker refuses because it can never fail, and what it still accepts.</summary>
public sealed class SilentPassTests
{
    private const string Image = "images:\n  - name: b\n    segments:\n      - { mem: 0x400000, memsz: 0x1000, hex: \"c3\" }\n";
    private const string LoadAndJump = "  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n";

    private static List<string> Ids(string yaml)
    {
        var result = new YamlFrontEnd().Parse(new SourceText("t.yaml", yaml));
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        return [.. new ScenarioChecker().Check(result.Scenario!).Select(d => d.Id)];
    }

    private static List<string> Steps(string steps, string top = "") => Ids("name: t\n" + top + Image + "steps:\n" + steps);

    [Test]
    public void A_load_expected_to_succeed_is_a_check_of_its_own() =>
        Assert.That(Steps("  - load: b\n    flags: [PRESERVE_CONTEXT]\n"), Is.Empty);

    [Test]
    public void An_unload_is_a_check_of_its_own() =>
        Assert.That(Steps("  - unload: normal\n"), Is.Empty);

    [Test]
    public void Expectations_of_A_alone_check_nothing_of_kexec() =>
        Assert.That(Ids("name: t\nstate: { rax: 1 }\nsteps:\n  - expect: { registers: { rax: 1 } }\n"), Is.EqualTo(new[] { "KJ1539" }));

    [Test]
    public void A_fault_before_its_jump_fires() =>
        Assert.That(Steps("  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: callee\n  - jump: ok\n  - expect: { preserved: all }\n"), Is.Empty);

    [Test]
    public void An_alloc_failure_needs_a_later_load_not_a_jump() =>
        Assert.That(Steps(LoadAndJump + "  - fault: alloc_failure\n    what: swap\n  - jump: ok\n  - expect: { preserved: all }\n"), Is.EqualTo(new[] { "KJ1540" }));

    [Test]
    public void A_lock_held_during_the_jump_needs_a_later_jump() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n  - fault: lock_held\n    during: jump\n  - load: b\n"), Is.EqualTo(new[] { "KJ1540" }));

    [Test]
    public void A_lock_held_during_a_load_fires_on_the_next_load() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n  - fault: lock_held\n  - load: b\n    expect: EBUSY\n"), Is.Empty);

    [Test]
    public void A_jump_with_no_expect_after_it_is_a_warning()
    {
        var result = new ScenarioChecker().Check(new YamlFrontEnd().Parse(new SourceText("t.yaml", "name: t\n" + Image + "steps:\n" + LoadAndJump)));

        Assert.That(result.Diagnostics.Select(d => (d.Id, d.Severity)), Is.EqualTo(new[] { ("KJ1544", Severity.Warning) }));
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Only_the_last_jump_needs_an_expect_after_it() =>
        Assert.That(Steps(LoadAndJump + "  - jump: ok\n  - expect: { preserved: all }\n"), Is.Empty);

    [Test]
    public void A_jump_refused_with_an_errno_needs_no_expect_after_it() =>
        Assert.That(Ids("name: t\nsteps:\n  - jump: EINVAL\n"), Is.Empty);

    [Test]
    public void A_scenario_stating_a_crash_needs_no_expect_after_its_jump() =>
        Assert.That(Steps(LoadAndJump, top: "outcome: crash\n"), Is.Empty);

    [Test]
    public void The_jump_warning_waits_until_the_errors_are_fixed() =>
        Assert.That(Steps("  - load: b\n    flags: [PRESERVE_CONTEX]\n  - jump: ok\n"), Is.EqualTo(new[] { "KJ1501" }));

    [Test]
    public void Preserved_with_no_class_written_compares_every_class() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: [] }\n"), Is.Empty);

    [Test]
    public void Preserved_memory_with_part_of_it_excepted_still_checks_the_rest() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: { classes: [memory], except_memory: [{ start: 0x1000, size: 63MiB }] } }\n"), Is.Empty);

    [Test]
    public void Preserved_cpu_with_every_cpu_register_excepted_checks_nothing()
    {
        var cpu = Vocabulary.Registers.Names.Where(n => Vocabulary.Registers.Find(n) is { Class: StateClass.Cpu, OnX86_64: true });

        Assert.That(Steps(LoadAndJump + $"  - expect: {{ preserved: {{ classes: [cpu], except: [{string.Join(", ", cpu)}] }} }}\n"), Is.EqualTo(new[] { "KJ1541" }));
    }

    [Test]
    public void Console_exact_empty_text_is_a_check_that_nothing_was_printed() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { console: \"\" }\n"), Is.Empty);

    [Test]
    public void A_register_under_a_non_zero_mask_is_checked() =>
        Assert.That(Steps(LoadAndJump + "  - expect: { registers: { rflags: { value: 0x2, mask: 0x2 } } }\n"), Is.Empty);

    [Test]
    public void Skip_needs_a_reason_and_only_skip_takes_one()
    {
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n", top: "outcome: { kind: skip, reason: \"needs a cache model\" }\n"), Is.Empty);
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n", top: "outcome: skip\n"), Is.EqualTo(new[] { "KJ1542" }));
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n", top: "outcome: { kind: skip, reason: \"  \" }\n"), Is.EqualTo(new[] { "KJ1542" }));
        Assert.That(Steps(LoadAndJump + "  - expect: { preserved: all }\n", top: "outcome: { kind: fail, reason: why }\n"), Is.EqualTo(new[] { "KJ1543" }));
    }
}
