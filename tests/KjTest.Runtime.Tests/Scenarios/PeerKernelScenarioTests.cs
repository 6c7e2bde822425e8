using KjTest.Dsl.Model;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class PeerKernelScenarioTests
{
    private const string WriteHi = """
        era: k27
        arch: i386
        machine:
          ram: 64MiB
        images:
          - name: b
            entry: start
            segments:
              - mem: 0x400000
                memsz: MEMSZ
                asm: |
                  start:
                    mov eax, 4
                    mov ebx, 1
                    mov ecx, text
                    mov edx, 2
                    int 0x80
                    ret
                  text:
                    db "hi"
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect:
              console: "hi"
              preserved: all
        """;

    [Test]
    public void An_i386_write_system_call_reaches_the_scenario_console()
    {
        var result = Run(WriteHi.Replace("MEMSZ", "0x10000", StringComparison.Ordinal));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Pass), string.Join("\n", result.Messages.Select(m => m.Text)));
    }

    [Test]
    public void A_system_call_from_a_window_too_small_for_kernel_B_is_an_error_saying_so()
    {
        var result = Run(WriteHi.Replace("MEMSZ", "0x2000", StringComparison.Ordinal));

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains("too few free pages for kernel B"));
    }

    private static ScenarioResult Run(string body) => ScenarioHarness.Run("name: t\n" + body);
}
