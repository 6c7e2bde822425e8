using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Kernel.Relocate;

/// <summary>CUR's debug IDT and exception handler in the control page (reference kexec-jump.md section 5.3 step 5).</summary>
public class DebugIdtTests
{
    private static string Scenario(string era, string instruction, string afterJump) => $$"""
        name: debug-idt
        era: {{era}}
        arch: x86_64
        machine:
          ram: 64MiB
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov rax, 0x1111
                  mov rbx, 0x2222
                  mov rcx, 0x3333
                  mov rdx, 0x4444
                  mov rsi, 0x5555
                  mov rdi, 0x6666
                  mov r8, 0x8888
                  mov r9, 0x9999
                  mov r10, 0x1010
                  mov r11, 0x1111
                  mov r12, 0x1212
                  mov r13, 0x1313
                  mov r14, 0x1414
                  mov r15, 0x1515
                  {{instruction}}
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
        {{afterJump}}
        """;

    private static ScenarioResult Run(string yaml) => ScenarioHarness.Run(yaml);

    [Test]
    public void Section_5_3_a_breakpoint_prints_the_exception_block_on_the_serial_port_and_returns()
    {
        var result = Run(Scenario("cur", "int3", """
              - jump: ok
              - expect:
                  console: { text: "Exc:0000000000000003\nErr:0000000000000000\nrip:000000000040004f\nrsp:", match: contains }
              - expect:
                  console:
                    match: contains
                    text: "\nrax:0000000000001111\nrbx:0000000000002222\nrcx:0000000000003333\nrdx:0000000000004444\nrsi:0000000000005555\nrdi:0000000000006666\nr8 :0000000000008888\nr9 :0000000000009999\nr10:0000000000001010\nr11:0000000000001111\nr12:0000000000001212\nr13:0000000000001313\nr14:0000000000001414\nr15:0000000000001515\ncr2:0000000000000000\n"
                  preserved: all
            """));

        Assert.That(result.Passed, Is.True, string.Join("\n", result.Messages.Select(m => m.Text)));
    }

    [Test]
    public void Section_5_3_any_other_vector_prints_and_halts_with_a_crash_naming_the_vector()
    {
        var result = Run(Scenario("cur", "ud2", "  - jump: crash"));

        Assert.That(result.Passed, Is.True, string.Join("\n", result.Messages.Select(m => m.Text)));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.Contains("#UD (vector 6) caught by the debug IDT of the control page, which printed the registers"));
    }

    [Test]
    public void Before_CUR_a_breakpoint_in_the_image_triple_faults()
    {
        var result = Run(Scenario("k614", "int3", "  - jump: triple_fault"));

        Assert.That(result.Passed, Is.True, string.Join("\n", result.Messages.Select(m => m.Text)));
    }
}
