using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>
/// Console output is kept in one byte buffer per console up to <c>limits: {console_bytes}</c>: past it bytes are
/// counted and dropped, the result notes it (KJ1617), and the host cost stays bounded however much the guest prints.
/// </summary>
public sealed class ConsoleLimitTests
{
    // Prints ECX bytes 'x' on the UART, then returns to A.
    private static string Printer(ulong count, string limits) => $$"""
        name: printer
        {{limits}}
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov ecx, {{count}}
                  mov dx, 0x3f8
                  mov al, 0x78
                  print:
                  out dx, al
                  dec ecx
                  jnz print
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect:
              console: { text: "{{new string('x', (int)Math.Min(count, 100))}}", match: contains }

              preserved: all
        """;

    [Test]
    public void Output_past_the_limit_is_dropped_and_the_result_says_how_much()
    {
        var result = ScenarioHarness.Run(Printer(10_000, "limits: { console_bytes: 100 }"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
            Assert.That(result.Console, Is.EqualTo(new string('x', 100)));
            Assert.That(result.Messages.Select(m => m.Text), Does.Contain("uart0 kept its first 100 bytes and dropped 9900 more (limits: console_bytes)"));
            Assert.That(result.Messages.Count(m => m.Text.Contains("console_bytes", StringComparison.Ordinal)), Is.EqualTo(1), "one loss, one note");
        });
    }

    [Test]
    public void Two_devices_that_overflow_the_console_only_together_are_noted_once_for_the_console()
    {
        var result = ScenarioHarness.Run("""
            name: two-printers
            limits: { console_bytes: 100 }
            images:
              - name: b
                entry: 0x400000
                segments:
                  - mem: 0x400000
                    memsz: 0x1000
                    asm: |
                      mov ecx, 60
                      mov al, 0x78
                      print:
                      mov dx, 0x3f8
                      out dx, al
                      mov dx, 0xe9
                      out dx, al
                      dec ecx
                      jnz print
                      ret
            steps:
              - load: b
                flags: [PRESERVE_CONTEXT]
              - jump: ok
              - expect:
                  console: { text: "x", match: contains }
                  preserved: all
            """);

        var notes = result.Messages.Select(m => m.Text).Where(t => t.Contains("console_bytes", StringComparison.Ordinal)).ToList();
        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(notes, Is.EqualTo(new[] { "the console kept its first 100 bytes and dropped 20 more (limits: console_bytes)" }));
    }

    [Test]
    public void Output_within_the_limit_is_kept_whole_and_noted_nowhere()
    {
        var result = ScenarioHarness.Run(Printer(100, "limits: { console_bytes: 100 }"));

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Console, Has.Length.EqualTo(100));
        Assert.That(result.Messages.Select(m => m.Text), Has.None.Contains("console_bytes"));
    }

    [Test]
    public void Sixteen_million_console_bytes_cost_a_few_MiB_of_host_memory_not_hundreds()
    {
        // Before the capture was a byte buffer, each byte cost about 41 bytes of host memory (656 MB here).
        var yaml = Printer(16_000_000, "limits: { max_instructions: 100_000_000 }");
        var scenario = ScenarioHarness.Check(yaml);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ScenarioRunner.Run(scenario, ".");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
        Assert.That(result.Console, Has.Length.EqualTo(4 << 20), "the default limit is 4 MiB");
        Assert.That(allocated, Is.LessThan(96L << 20), $"{allocated / (1 << 20)} MiB allocated for 16 M console bytes");
    }
}
