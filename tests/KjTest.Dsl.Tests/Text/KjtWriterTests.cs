using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Text;

namespace KjTest.Dsl.Tests.Text;

public sealed class KjtWriterTests
{
    private static Located<T> L<T>(T value) => new(value, SourceSpan.None);

    private static EmbeddedText E(string text) => new(text, SourceSpan.None, []);

    private static Scenario Minimal(string name) => new(
        SourceSpan.None, L(name), null, [], null, null, null, RunLimits.Default, ExpectedOutcome.Pass, MachineSpec.Default,
        KernelSettings.Default, CpuStateSpec.Default, [], [], null, []);

    private static Scenario RoundTrip(Scenario scenario, out string written)
    {
        written = KjtWriter.Write(scenario);
        var result = new KjtFrontEnd().Parse(new SourceText("w.kjt", written));
        Assert.That(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)), Is.Empty, written);
        return result.Scenario!;
    }

    [Test]
    public void Minimal_scenario_is_one_line()
    {
        var scenario = Minimal("only a name");

        Assert.That(KjtWriter.Write(scenario), Is.EqualTo("scenario \"only a name\"\n"));
        Assert.That(ModelDump.Write(RoundTrip(scenario, out _)), Is.EqualTo(ModelDump.Write(scenario)));
    }

    [Test]
    public void Names_that_are_keywords_or_not_words_are_quoted_and_read_back()
    {
        var scenario = Minimal("n") with
        {
            Tags = [L("steps"), L("with space"), L("plain")],
            Images = [new ImageSpec(SourceSpan.None, L("memory"), L(SymbolOrNumber.Of("console")), [], null)],
            State = new CpuStateSpec(SourceSpan.None, [new RegisterAssignment(SourceSpan.None, L("preserved"), L((UInt128)1))]),
            Steps =
            [
                new LoadStep(SourceSpan.None, L("memory"), [L(new FlagTerm("PRESERVE_CONTEXT", 0)), L(new FlagTerm(null, 0x10))], null, L("ok")),
                new FaultStep(SourceSpan.None, L("kind"), [new Parameter(SourceSpan.None, L("p"), new ScalarValue(SourceSpan.None, "two words")),
                    new Parameter(SourceSpan.None, L("q"), new ScalarValue(SourceSpan.None, "64MiB")),
                    new Parameter(SourceSpan.None, L("r"), new ListValue(SourceSpan.None, []))]),
            ],
        };

        var back = RoundTrip(scenario, out var written);

        Assert.That(written, Does.Contain("tags \"steps\", \"with space\", plain"));
        Assert.That(written, Does.Contain("image \"memory\" entry \"console\""));
        Assert.That(written, Does.Contain("fault kind p \"two words\", q 64MiB, r []"));
        Assert.That(ModelDump.Write(back), Is.EqualTo(ModelDump.Write(scenario)));
    }

    [Test]
    public void Embedded_text_that_cannot_be_a_block_is_written_as_a_string()
    {
        var segments = new[] { "nop\n\"\"\"\nret", "line\r\nbreak", "trailing\n", "\n", "  indented first\n\tmixed" }
            .Select((text, i) => new SegmentSpec(SourceSpan.None, L((ulong)i * 0x1000), null, new AsmContent(SourceSpan.None, E(text))))
            .ToList();
        var scenario = Minimal("n") with { Images = [new ImageSpec(SourceSpan.None, L("b"), null, segments, null)] };

        var back = RoundTrip(scenario, out var written);

        Assert.That(written, Does.Contain("asm \"nop\\n\\\"\\\"\\\"\\nret\""));
        Assert.That(ModelDump.Write(back), Is.EqualTo(ModelDump.Write(scenario)));
    }

    [Test]
    public void Sizes_and_numbers_are_written_in_canonical_units()
    {
        var scenario = Minimal("n") with
        {
            Machine = MachineSpec.Default with { RamSize = L(64ul << 20), MemoryMap = [new MemoryRegion(SourceSpan.None, new MemoryRange(SourceSpan.None, L(0x9f000ul), L(0x61000ul)), L(MemoryRegionKind.Reserved))] },
            Seed = L(7ul),
            Kernel = KernelSettings.Default with { LoadLimitReboot = L(-1L) },
        };

        var written = KjtWriter.Write(scenario);

        Assert.That(written, Is.EqualTo(
            "scenario \"n\"\n  seed 7\n\nmachine\n  ram 64MiB\n  region reserved 0x9f000 size 388KiB\n\nkernel\n  load_limit_reboot -1\n"));
        Assert.That(ModelDump.Write(RoundTrip(scenario, out _)), Is.EqualTo(ModelDump.Write(scenario)));
    }

    [Test]
    public void Expect_steps_with_one_expectation_fit_on_a_line_and_others_use_a_block()
    {
        var scenario = Minimal("n") with
        {
            Steps =
            [
                new ExpectStep(SourceSpan.None, [new RegisterExpectation(SourceSpan.None, L("rax"), L((UInt128)0), null)]),
                new ExpectStep(SourceSpan.None, []),
                new ExpectStep(SourceSpan.None,
                [
                    new RegisterExpectation(SourceSpan.None, L("rbx"), L((UInt128)1), L((UInt128)0xff)),
                    new ConsoleExpectation(SourceSpan.None, L("B\n"), L("com1"), L(ConsoleMatch.Contains)),
                ]),
            ],
        };

        var back = RoundTrip(scenario, out var written);

        Assert.That(written, Does.EndWith("steps\n  expect rax == 0\n  expect\n  expect\n    rbx == 1 mask 0xff\n    console from com1 contains \"B\\n\"\n"));
        Assert.That(ModelDump.Write(back), Is.EqualTo(ModelDump.Write(scenario)));
    }
}
