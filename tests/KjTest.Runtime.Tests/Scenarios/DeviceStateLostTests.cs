using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>The device_state_lost fault on the machine's standard devices, whole or register by register.</summary>
public class DeviceStateLostTests
{
    private static string Scenario(string device, string registers, string lost) => $$"""
        name: t
        era: cur
        arch: x86_64
        machine:
          ram: 64MiB
          devices:
            - name: {{device}}
              type: {{(device == "pic" ? "pic8259" : "uart16550")}}
              registers: { {{registers}} }
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - fault: device_state_lost
            device: {{device}}
            registers: [{{lost}}]
          - jump: ok
          - expect:
              preserved: all
        """;

    private static ScenarioResult Run(string yaml) => ScenarioHarness.Run(yaml);

    [Test]
    public void A_uart_losing_its_line_control_register_shows_a_gap_on_it_alone()
    {
        var result = Run(Scenario("uart0", "dll: 1, dlm: 0, lcr: 0x3, mcr: 0x8, scr: 0x5a", "lcr"));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap));
        Assert.That(result.Gap!.Fields.Select(f => (f.Name, f.Before, f.After)), Is.EqualTo(new[] { ("uart0.lcr", "0x3", "0x0") }));
    }

    [Test]
    public void A_pic_losing_its_master_mask_shows_a_gap_on_it_alone()
    {
        var result = Run(Scenario("pic", "master.imr: 0xfb, slave.imr: 0xff", "master.imr"));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Gap));
        Assert.That(result.Gap!.Fields.Select(f => f.Name), Is.EqualTo(new[] { "pic.master.imr" }));
    }

    [TestCase("uart0", "lcr: 0x3", "iir", "cannot lose register 'iir' on its own")]
    [TestCase("pic", "master.imr: 0xfb", "master.irr", "cannot lose register 'master.irr' on its own")]
    public void A_register_that_follows_other_state_cannot_be_lost_alone(string device, string registers, string lost, string message)
    {
        var result = Run(Scenario(device, registers, lost));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains(message));
    }
}
