using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>
/// Faults at the transition points of reference kexec-jump.md section 9: NMIs (B15), IRQs (B15, section 4 for where
/// kernel_kexec runs with interrupts off), clobbered registers and DMA (B13), each taking effect on the machine at its
/// point so that what follows comes from the model.
/// </summary>
public class TransitionPointFaultTests
{
    // The image loads A's own GDT through its identity alias before returning, so that K30's missing GDT restore (B1)
    // does not end a jump on its own; on the other eras it changes nothing.
    private const string Image = """

        images:
          - name: b
            entry: start
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  start:
                    mov rax, gdt_desc
                    lgdt [rax]
                    ret
                  gdt_desc:
                    dw 0x7f
                    dq 0x102000
        """;

    // B prints 'A' + bit 0 of the master PIC's IRR: 'B' when IRQ 0 is pending while it runs.
    private const string IrrImage = """

        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov al, 0x0a
                  out 0x20, al
                  in al, 0x20
                  and al, 1
                  add al, 0x41
                  mov dx, 0x3f8
                  out dx, al
                  ret
        """;

    private static readonly string[] CPoints =
    [
        "before_freeze", "after_freeze_processes", "prepare", "freeze", "freeze_late", "freeze_noirq", "after_syscore_suspend",
        "after_machine_kexec", "restore_noirq", "restore_early", "restore", "complete", "after_thaw",
    ];

    /// <summary>Every point of PmPhases.Points with the outcome of an NMI there on CUR and on K30.</summary>
    private static IEnumerable<TestCaseData> NmiCases()
    {
        foreach (var point in CPoints)
        {
            yield return new TestCaseData("cur", point, OutcomeKind.Pass, null, null).SetName($"Nmi_on_cur_at_{point}_is_handled_by_A");
            yield return new TestCaseData("k30", point, OutcomeKind.Pass, null, null).SetName($"Nmi_on_k30_at_{point}_is_handled_by_A");
        }

        // CUR (6.14+) invalidates the IDT in relocate_kernel, so at machine_kexec's call A's IDT is live: the NMI reaches
        // A's handler in the middle of the transition (GS base already reset by load_segments).
        yield return new TestCaseData("cur", "machine_kexec", OutcomeKind.Crash, JumpEndKind.Exception, "delivered to A's IDT handler").SetName("Nmi_on_cur_at_machine_kexec_reaches_A_s_handler_mid_transition");
        foreach (var point in new[] { "relocate_outbound", "callee", "relocate_return" })
        {
            yield return new TestCaseData("cur", point, OutcomeKind.Crash, JumpEndKind.Exception, "caught by the debug IDT of the control page").SetName($"Nmi_on_cur_at_{point}_is_caught_by_the_debug_idt");
        }

        foreach (var point in new[] { "machine_kexec", "relocate_outbound", "callee", "relocate_return" })
        {
            yield return new TestCaseData("k30", point, OutcomeKind.Crash, JumpEndKind.TripleFault, "triple fault: #GP(0x13)").SetName($"Nmi_on_k30_at_{point}_triple_faults_on_the_zero_limit_idt");
        }
    }

    [TestCaseSource(nameof(NmiCases))]
    public void Nmi_outcome_at_each_point_follows_the_idt_the_cpu_has_there(string era, string point, OutcomeKind outcome, JumpEndKind? crash, string? message)
    {
        var result = Run($"era: {era}\narch: x86_64\nmachine:\n  ram: 64MiB\n" + Image + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: {point}\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(outcome), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Crash?.Kind, Is.EqualTo(crash));
            if (message is null)
            {
                // Reference B15: the NMI went through A's IDT (vector 2, a valid gate) and A's handler returned.
                Assert.That(result.Messages.Select(m => m.Text), Has.Some.StartsWith($"at {point}: NMI (vector 2) taken through A's IDT"));
            }
            else
            {
                Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains(message));
            }
        });
    }

    [TestCase("machine_kexec")]
    [TestCase("relocate_outbound")]
    [TestCase("callee")]
    [TestCase("relocate_return")]
    public void Nmi_on_k27_in_guest_code_triple_faults_on_the_null_idt(string point)
    {
        var result = Run($"era: k27\narch: i386\nmachine:\n  ram: 64MiB\n" + ReturningImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: {point}\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Crash), ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Crash?.Kind, Is.EqualTo(JumpEndKind.TripleFault));
    }

    [Test]
    public void Nmi_on_k614_at_relocate_outbound_triple_faults_because_the_debug_idt_came_with_cur()
    {
        var result = Run("era: k614\narch: x86_64\nmachine:\n  ram: 64MiB\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: relocate_outbound\n  - jump: ok\n");

        Assert.That(result.Crash?.Kind, Is.EqualTo(JumpEndKind.TripleFault), ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void Nmis_at_two_points_are_each_taken_by_A_s_handler_and_a_later_one_mid_transition_still_stops_there()
    {
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: freeze\n  - fault: nmi\n    at: restore\n  - jump: ok\n  - fault: nmi\n    at: prepare\n  - fault: nmi\n    at: machine_kexec\n  - jump: crash\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Messages.Select(m => m.Text).Where(t => t.Contains("NMI", StringComparison.Ordinal)).Select(t => t.Split(':')[0]).ToArray(), Is.EqualTo(new[] { "at freeze", "at restore", "at prepare", "A never got control back" }));
            Assert.That(result.Messages[^1].Text, Does.Contain("exception NMI (vector 2) delivered to A's IDT handler"));
        });
    }

    [Test]
    public void Nmi_at_a_c_point_with_A_s_idt_broken_triple_faults_there_and_never_reaches_machine_kexec()
    {
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\nstate:\n  idtr.limit: 0\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: freeze\n  - jump: ok\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Crash), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Crash?.Kind, Is.EqualTo(JumpEndKind.TripleFault));
            Assert.That(result.Messages.Select(m => m.Text), Has.Some.StartsWith("A never got control back: triple fault at freeze: #GP(0x13)"));
        });
    }

    [Test]
    public void Irq_raised_with_interrupts_off_is_pending_through_the_jump_and_delivered_at_local_irq_enable()
    {
        // Section 4.3: syscore_suspend runs after local_irq_disable, and interrupts come back at Enable_irqs.
        var result = Run(IrqMachine(0) + IrrImage + Steps("after_syscore_suspend", "B"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "at local_irq_enable: IRQ 0 (vector 0x30) taken through A's IDT; A's handler serviced the device and sent the EOI" }));
        });
    }

    [TestCase("before_freeze")]
    [TestCase("freeze")]
    [TestCase("freeze_noirq")]
    [TestCase("after_thaw")]
    public void Irq_raised_while_A_runs_with_interrupts_on_is_delivered_at_once(string point)
    {
        var result = Run(IrqMachine(0) + IrrImage + Steps(point, "A"));

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { $"at {point}: IRQ 0 (vector 0x30) taken through A's IDT; A's handler serviced the device and sent the EOI" }));
    }

    [TestCase("freeze")]
    [TestCase("relocate_return")]
    public void Irq_on_a_masked_line_stays_pending_and_shows_in_the_gap(string point)
    {
        var result = Run(IrqMachine(1) + IrrImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: irq\n    irq: 0\n    at: {point}\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Fields, Is.EqualTo(new[] { new GapField("pic.master.irr", "0x0", "0x1"), new GapField("pic.master.lines", "0x0", "0x1") }));
        });
    }

    [Test]
    public void Irq_on_k27_goes_to_the_i386_vector_base_once_A_enables_interrupts()
    {
        var result = Run("era: k27\narch: i386\nmachine:\n  ram: 64MiB\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: irq\n    irq: 3\n    at: callee\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "at local_irq_enable: IRQ 3 (vector 0x23) taken through A's IDT; A's handler serviced the device and sent the EOI" }));
    }

    [Test]
    public void Clobbered_callee_saved_register_at_relocate_return_is_restored_by_the_routine_but_a_debug_register_is_not()
    {
        // Section 5.4: virtual_mapped pops rbx..r15 from A's stack after the return; nothing restores DR0-DR3.
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\nstate:\n  rbx: 0x1111\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: clobber\n    register: rbx\n    value: 0xbad\n    at: relocate_return\n  - fault: clobber\n    register: dr0\n    value: 0x5000\n    at: relocate_return\n  - jump: ok\n  - expect:\n      registers: { rbx: 0x1111 }\n      preserved: all\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Fields, Is.EqualTo(new[] { new GapField("dr0", "0x0", "0x5000") }));
        });
    }

    [TestCase("freeze")]
    [TestCase("after_machine_kexec")]
    [TestCase("after_thaw")]
    public void Clobbered_register_in_kernel_kexec_s_c_code_is_a_register_gap(string point)
    {
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\nstate:\n  r12: 0x1111\n" + ReturningImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: clobber\n    register: r12\n    value: 0xbad\n    at: {point}\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.That(result.Gap?.Fields, Is.EqualTo(new[] { new GapField("r12", "0x1111", "0xbad") }), ScenarioCatalogueTests.Describe(result));
    }

    [TestCase("cur", "x86_64", "relocate_outbound", true)]
    [TestCase("cur", "x86_64", "machine_kexec", true)]
    [TestCase("cur", "x86_64", "relocate_return", false)]
    [TestCase("k27", "i386", "relocate_outbound", true)]
    [TestCase("k27", "i386", "relocate_return", false)]
    public void Dma_into_a_destination_page_before_the_outbound_swap_reaches_A_and_after_the_callee_does_not(string era, string arch, string point, bool gap)
    {
        // Reference B13 and 5.5: before the outbound swap_pages the destination holds A's page, which is swapped into the
        // source page and back; after the callee it holds B's page, which goes to the source page.
        var result = Run($"era: {era}\narch: {arch}\nmachine:\n  ram: 64MiB\n  devices:\n    - name: uart0\n      type: uart16550\n    - name: nic0\n      type: programmable\n      ports: [{{ first: 0x300, count: 16 }}]\n      registers: {{ ctrl: 0x1 }}\nmemory:\n  - at: 0x400000\n    fill: {{ value: 0x11, size: 0x1000 }}\n" + ReturningImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: dma\n    device: nic0\n    address: 0x400800\n    bytes: \"5a5a\"\n    at: {point}\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.That(result.Actual, Is.EqualTo(gap ? OutcomeKind.Gap : OutcomeKind.Pass), ScenarioCatalogueTests.Describe(result));
        if (gap)
        {
            Assert.That(result.Gap!.Pages.Select(p => (p.Address, p.Ranges[0])), Is.EqualTo(new[] { (0x400000UL, (0x800, 2)) }));
        }
    }

    [TestCase("relocate_outbound")]
    [TestCase("relocate_return")]
    public void A_relocate_point_with_a_user_routine_is_an_error_naming_why(string point)
    {
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\nrelocate: { image: r, convention: cur }\n" + ReturningImage + "\n  - name: r\n    segments:\n      - mem: 0x600000\n        memsz: 0x1000\n        asm: |\n          ret\n" + $"steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: {point}\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages[0].Text, Is.EqualTo($"nmi at {point} needs the era's relocate routine: the places of swap_pages and of the jump-back entry in a user-supplied routine are not known"));
    }

    [TestCase("freeze_late")]
    [TestCase("restore_early")]
    public void A_phase_k27_does_not_have_is_an_error_naming_the_era(string point)
    {
        var result = Run("era: k27\narch: i386\nmachine:\n  ram: 64MiB\n" + ReturningImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: nmi\n    at: {point}\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages[0].Text, Does.StartWith($"nmi at {point}: kernel_kexec of era k27 has no such phase"));
    }

    [Test]
    public void A_pic_register_that_cannot_be_set_is_an_error()
    {
        var result = Run("era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\n  devices:\n    - name: pic\n      type: pic8259\n      registers: { master.irr: 1 }\n" + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages[0].Text, Does.StartWith("pic8259 register master.irr cannot be set"));
    }

    private const string ReturningImage = """

        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                hex: "c3"
        """;

    private static string IrqMachine(int masterImr) =>
        $"era: cur\narch: x86_64\nmachine:\n  ram: 64MiB\n  devices:\n    - name: pic\n      type: pic8259\n      registers: {{ master.imr: {masterImr} }}\n    - name: uart0\n      type: uart16550\n";

    private static string Steps(string point, string printed) =>
        $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: irq\n    irq: 0\n    at: {point}\n  - jump: ok\n  - expect:\n      console: {{ text: \"{printed}\", device: uart0 }}\n      registers: {{ pic.master.irr: 0, pic.master.isr: 0 }}\n      preserved: all\n";

    private static ScenarioResult Run(string body) => ScenarioHarness.Run("name: t\n" + body);
}
