using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class ScenarioRunnerTests
{
    private const string Image = """
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  spin:
                    jmp spin
        """;

    [Test]
    public void A_runaway_image_expected_to_return_is_a_timeout_naming_the_budget()
    {
        var result = Run("limits: { max_instructions: 50_000 }\n" + Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Timeout));
        Assert.That(result.Messages[0].Text, Does.Contain("instruction budget of 50000 exhausted"));
    }

    [Test]
    public void A_time_limit_is_emulated_time_so_a_runaway_ends_with_the_same_account_on_any_host()
    {
        var text = "limits: { max_instructions: 50_000_000, timeout_ms: 3 }\n" + Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n";
        var first = Run(text);
        var second = Run(text);

        Assert.That(first.Actual, Is.EqualTo(OutcomeKind.Timeout));
        Assert.That(first.Messages[0].Text, Does.Contain("emulated time limit of 3 ms (3000000 instructions at one per nanosecond) reached at rip=0x"));
        Assert.That(second.Messages.Select(m => m.Text), Is.EqualTo(first.Messages.Select(m => m.Text)));
        Assert.That(second.Stats, Is.EqualTo(first.Stats));
    }

    [Test]
    public void The_smaller_of_budget_and_time_limit_names_the_stop()
    {
        var result = Run("limits: { max_instructions: 40_000, timeout_ms: 1 }\n" + Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n");

        Assert.That(result.Messages[0].Text, Does.Contain("instruction budget of 40000 exhausted"));
    }

    [Test]
    public void A_wrong_load_expectation_fails_with_the_step_span()
    {
        var result = Run(Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n    expect: EINVAL\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(result.Messages[0].Span.Line, Is.EqualTo(14));
        Assert.That(result.Messages[0].Text, Does.Contain("expected EINVAL, but kexec_load returned 0"));
    }

    [Test]
    public void An_alloc_failure_makes_only_the_next_load_return_ENOMEM()
    {
        var result = Run(Image + "\nsteps:\n  - fault: alloc_failure\n    what: swap\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "expected ok, but kexec_load returned -ENOMEM (reference 2.3 row 21)" }));
    }

    private const string DmaMachine = """
        era: cur
        arch: x86_64
        machine:
          ram: 64MiB
          devices:
            - name: uart0
              type: uart16550
            - name: nic0
              type: programmable
              ports: [{ first: 0x300, count: 16 }]
              registers: { ctrl: 0x1 }
        """;

    private const string ReturningImage = """

        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                hex: "c3"
        """;

    [Test]
    public void A_dma_during_the_callee_is_seen_by_the_image_and_swapped_out_of_A()
    {
        var result = Run(DmaMachine + """

            images:
              - name: b
                entry: 0x400000
                segments:
                  - mem: 0x400000
                    memsz: 0x1000
                    asm: |
                      mov al, [0x400800]
                      mov dx, 0x3f8
                      out dx, al
                      ret
            steps:
              - load: b
                flags: [PRESERVE_CONTEXT]
              - fault: dma
                device: nic0
                address: 0x400800
                bytes: "5a"
                at: callee
              - jump: ok
              - expect:
                  console: { text: "Z", device: uart0 }
                  preserved: all
            """);

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
    }

    [TestCase("callee")]
    [TestCase("after_machine_kexec")]
    [TestCase("restore")]
    public void A_dma_into_A_outside_the_window_is_a_memory_gap_with_the_bytes_written(string point)
    {
        var result = Run(DmaMachine + ReturningImage + $"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: dma\n    device: nic0\n    address: 0x600010\n    bytes: \"de ad be ef\"\n    at: {point}\n  - jump: ok\n  - expect:\n      preserved: all\n");

        Assert.Multiple(() =>
        {
            Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap), ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Gap!.Pages.Select(p => p.Address), Is.EqualTo(new[] { 0x600000UL }));
            Assert.That(result.Gap.Pages[0].Ranges, Is.EqualTo(new[] { (0x10, 4) }));
            Assert.That(result.Gap.Pages[0].FirstAfter, Is.EqualTo(new byte[] { 0xde, 0xad, 0xbe, 0xef }));
        });
    }

    [TestCase(true, "B")]
    [TestCase(false, "A")]
    public void An_irq_at_the_callee_is_pending_in_the_pic_but_not_delivered_with_IF_clear(bool raised, string printed)
    {
        var fault = raised ? "  - fault: irq\n    irq: 0\n    at: callee\n" : "";
        var result = Run(DmaMachine + """

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
            steps:
              - load: b
                flags: [PRESERVE_CONTEXT]

            """ + fault + "  - jump: ok\n  - expect:\n      console: { text: \"" + printed + "\", device: uart0 }\n      preserved: all\n");

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void An_irq_line_above_15_is_an_error()
    {
        var result = Run(DmaMachine + ReturningImage + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: irq\n    irq: 16\n    at: callee\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages[0].Text, Does.Contain("line must be 0-15"));
    }

    private static ScenarioResult Run(string body) => ScenarioHarness.Run("name: t\n" + body);
}
