namespace KjTest.Runtime.Tests.Scenarios;

/// <summary>
/// Console expectations compare bytes: hex for output that is not text, and a text's UTF-8 bytes, so a guest that
/// prints raw bytes or UTF-8 is checked exactly.
/// </summary>
public sealed class ConsoleBytesTests
{
    // Writes ff 00 0a c3 a9 ('é' in UTF-8) to the UART.
    private static string Printer(string expectation) => $$"""
        name: bytes
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov dx, 0x3f8
                  mov al, 0xff
                  out dx, al
                  mov al, 0x00
                  out dx, al
                  mov al, 0x0a
                  out dx, al
                  mov al, 0xc3
                  out dx, al
                  mov al, 0xa9
                  out dx, al
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect:
              console: {{expectation}}

        """;

    [TestCase("{ hex: \"ff 00 0a c3 a9\" }")]
    [TestCase("{ hex: \"00 0a\", match: contains }")]
    // 'é' is U+00E9; it matches because its UTF-8 bytes c3 a9 are compared, not one byte e9 per character.
    [TestCase("{ text: \"\\né\", match: contains }")]
    public void Expected_bytes_match_the_bytes_the_guest_wrote(string expectation)
    {
        var result = ScenarioHarness.Run(Printer(expectation));

        Assert.That(result.Passed, Is.True, ScenarioCatalogueTests.Describe(result));
    }

    [Test]
    public void A_hex_expectation_that_differs_shows_both_sides_in_hex()
    {
        var result = ScenarioHarness.Run(Printer("{ hex: \"ff 01\", match: contains }"));

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Messages.Select(m => m.Text), Does.Contain("console (hex) shows \"ff000ac3a9\", expected contains \"ff01\""));
    }
}
