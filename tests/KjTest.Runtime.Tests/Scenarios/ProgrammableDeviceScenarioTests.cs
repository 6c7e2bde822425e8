using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class ProgrammableDeviceScenarioTests
{
    private const string Machine = """
        era: cur
        arch: x86_64
        machine:
          ram: 64MiB
          devices:
            - name: uart0
              type: uart16550
            - name: nic0
              type: programmable
              ports: [{ first: 0x300, count: 0x20 }]
              mmio: [{ start: 0xfebf0000, size: 4KiB }]
              irq: 11
              registers: { ctrl: 0x1, dma_addr: 0x300000, id: 0x4b4a }

        """;

    private const string Returning = """
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                hex: "c3"

        """;

    private const string Load = "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n";

    private const string JumpPreserved = "  - jump: ok\n  - expect:\n      preserved: all\n";

    [Test]
    public void A_register_B_writes_through_a_port_is_a_device_gap_named_device_dot_register()
    {
        var result = Run(Machine + Image("mov dx, 0x310\n  in eax, dx\n  or eax, 0x80\n  mov dx, 0x300\n  out dx, eax\n  ret") + Load + JumpPreserved);

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Fields, Is.EqualTo(new[] { new GapField("nic0.ctrl", "0x1", "0x4bca") }));
            Assert.That(result.Gap.Contains("devices"), Is.True);
            Assert.That(result.Gap.Contains("nic0.ctrl"), Is.True);
        });
    }

    [Test]
    public void B_reads_and_writes_registers_through_the_mmio_window_it_maps()
    {
        // The identity map maps RAM and segments only, so B maps the window's 2 MiB page itself (PDPT slot 3, a page
        // directory in its own segment) and unmaps it before returning.
        var result = Run(Machine + Image("""
            mov rax, cr3
              mov rcx, 0x000ffffffffff000
              and rax, rcx
              mov rbx, [rax]
              and rbx, rcx
              mov qword [rbx + 24], 0x401003
              mov rcx, 0xfea00083
              mov [0x401000 + 0x1f5 * 8], rcx
              mov rax, cr3
              mov cr3, rax
              mov rax, 0xfebf0000
              mov rcx, [rax + 8]
              mov [rax], rcx
              mov qword [rbx + 24], 0
              mov rax, cr3
              mov cr3, rax
              ret
            """, memsz: "0x2000") + Load + JumpPreserved + "      registers: { nic0.ctrl: 0x300000 }\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Fields, Is.EqualTo(new[] { new GapField("nic0.ctrl", "0x1", "0x300000") }));
        });
    }

    [Test]
    public void On_k27_B_runs_with_paging_off_and_reaches_both_windows_directly()
    {
        var k27 = Machine.Replace("era: cur\narch: x86_64", "era: k27\narch: i386", StringComparison.Ordinal);
        var result = Run(k27 + Image("mov eax, [0xfebf0008]\n  mov [0xfebf0000], eax\n  mov dx, 0x310\n  mov eax, 0x99\n  out dx, eax\n  ret") + Load + JumpPreserved);

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Fields, Is.EqualTo(new[] { new GapField("nic0.ctrl", "0x1", "0x300000"), new GapField("nic0.id", "0x4b4a", "0x99") }));
        });
    }

    [TestCase("0x1", OutcomeKind.Pass)]
    [TestCase("0x2", OutcomeKind.Fail)]
    public void Expect_registers_reads_a_programmable_register_by_name(string value, OutcomeKind outcome)
    {
        var result = Run(Machine + Returning + Load + $"  - jump: ok\n  - expect:\n      registers: {{ nic0.ctrl: {value}, nic0.id: 0x4b4a }}\n");

        Assert.That(result.Actual, Is.EqualTo(outcome), ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Messages.Select(m => m.Text), outcome == OutcomeKind.Fail ? Does.Contain("nic0.ctrl is 0x1, expected 0x2") : Is.Empty);
    }

    [Test]
    public void Preserved_except_the_device_name_leaves_out_all_its_registers()
    {
        var result = Run(Machine + Image("mov dx, 0x300\n  mov eax, 7\n  out dx, eax\n  ret") + Load + "  - jump: ok\n  - expect:\n      preserved:\n        classes: all\n        except: [nic0]\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
    }

    [TestCase("prepare", "EBUSY")]
    [TestCase("freeze", "EIO")]
    [TestCase("freeze_late", "EIO")]
    [TestCase("freeze_noirq", "EAGAIN")]
    public void A_failing_pm_callback_of_the_device_makes_reboot_return_its_errno_with_the_device_untouched(string phase, string errno)
    {
        var result = Run(Machine + Returning + Load + $"  - fault: device_pm_failure\n    device: nic0\n    phase: {phase}\n    errno: {errno}\n  - jump: {errno}\n  - expect:\n      preserved: all\n      registers: {{ nic0.ctrl: 0x1 }}\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void A_device_that_loses_all_its_state_shows_every_nonzero_register_in_the_gap()
    {
        var result = Run(Machine + Returning + Load + "  - fault: device_state_lost\n    device: nic0\n" + JumpPreserved);

        Assert.That(result.Gap?.Fields, Is.EqualTo(new[]
        {
            new GapField("nic0.ctrl", "0x1", "0x0"),
            new GapField("nic0.dma_addr", "0x300000", "0x0"),
            new GapField("nic0.id", "0x4b4a", "0x0"),
        }), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void A_device_that_loses_some_registers_shows_only_those_in_the_gap()
    {
        var result = Run(Machine + Returning + Load + "  - fault: device_state_lost\n    device: nic0\n    registers: [dma_addr]\n" + JumpPreserved);

        Assert.That(result.Gap?.Fields, Is.EqualTo(new[] { new GapField("nic0.dma_addr", "0x300000", "0x0") }), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void Lost_state_applies_to_the_next_jump_only()
    {
        var result = Run(Machine + Image("mov dx, 0x300\n  in eax, dx\n  mov dx, 0x3f8\n  add al, 0x30\n  out dx, al\n  ret")
            + Load + "  - fault: device_state_lost\n    device: nic0\n    registers: [ctrl]\n  - jump: ok\n  - jump: ok\n  - expect:\n      console: { text: \"10\", device: uart0 }\n      registers: { nic0.ctrl: 0 }\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void A_dma_by_the_device_writes_guest_memory_as_a_bus_master()
    {
        var result = Run(Machine + "memory:\n  - { at: 0x600000, fill: { value: 0x11, size: 0x100 } }\n" + Returning + Load
            + "  - fault: dma\n    device: nic0\n    address: 0x600010\n    bytes: \"aa bb\"\n    at: restore\n" + JumpPreserved + "      memory:\n        - { at: 0x600010, hex: \"aa bb\" }\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x600000UL }));
            Assert.That(result.Gap.Fields, Is.Empty);
        });
    }

    [Test]
    public void An_irq_on_the_device_line_is_taken_by_A_once_interrupts_are_on_and_the_device_stops_requesting()
    {
        var result = Run(Machine + Returning + Load + "  - fault: irq\n    irq: 11\n    at: callee\n" + JumpPreserved);

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains("IRQ 11 (vector 0x3b) taken through A's IDT"));
        });
    }

    [Test]
    public void An_irq_on_a_masked_device_line_keeps_the_device_requesting_after_the_jump()
    {
        var masked = Machine.Replace("    - name: uart0\n", "    - name: pic\n      type: pic8259\n      registers: { slave.imr: 0xff }\n    - name: uart0\n", StringComparison.Ordinal);
        var result = Run(masked + Returning + Load + "  - fault: irq\n    irq: 11\n    at: callee\n" + JumpPreserved);

        Assert.That(result.Gap?.Fields.Select(f => (f.Name, f.After)), Does.Contain(("nic0.irq", "0x1")), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void A_scenario_can_expect_the_level_of_a_device_interrupt_line()
    {
        var masked = Machine.Replace("    - name: uart0\n", "    - name: pic\n      type: pic8259\n      registers: { slave.imr: 0xff }\n    - name: uart0\n", StringComparison.Ordinal);
        var result = Run(masked + Returning + Load + "  - fault: irq\n    irq: 11\n    at: callee\n  - jump: ok\n  - expect:\n      registers: { nic0.irq: 1, uart0.irq: 0 }\n");

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
    }

    [TestCase("ports: [{ first: 0x3f8, count: 8 }]", "the ports of 'nic1' overlap another device's")]
    [TestCase("mmio: [{ start: 0xfebf0100, size: 8 }]", "the MMIO range of 'nic1' overlaps another device's")]
    [TestCase("mmio: [{ start: 0x200000, size: 8 }]", "the MMIO range of 'nic1' lies in RAM")]
    [TestCase("ports: [{ first: 0x340, count: 8 }]\n      irq: 11", "IRQ 11 of 'nic1' is already nic0's")]
    public void A_second_device_colliding_with_the_machine_is_an_error(string resources, string message)
    {
        var result = Run(Machine.TrimEnd() + "\n    - name: nic1\n      type: programmable\n      " + resources + "\n      registers: { ctrl: 0 }\n" + Returning + Load + "  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages[0].Text, Does.Contain(message));
    }

    private static string Image(string asm, string memsz = "0x1000") =>
        "images:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: " + memsz + "\n        asm: |\n"
        + string.Concat(asm.Split('\n').Select(line => "          " + line.Trim() + "\n"));

    private static ScenarioResult Run(string body) => ScenarioHarness.Run("name: t\n" + body);
}
