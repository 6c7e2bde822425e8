using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Yaml;

public sealed class YamlFrontEndTests
{
    private const string Minimal = "name: t\nsteps:\n  - jump: EINVAL\n";

    private static ParseResult Parse(string text) => new YamlFrontEnd().Parse(new SourceText("t.yaml", text));

    private static Diagnostic Single(ParseResult result)
    {
        Assert.That(result.Diagnostics, Has.Count.EqualTo(1), string.Join("\n", result.Diagnostics));
        return result.Diagnostics[0];
    }

    [Test]
    public void Reads_yaml_and_yml_extensions() =>
        Assert.That(new YamlFrontEnd().Extensions, Is.EquivalentTo(new[] { ".yaml", ".yml" }));

    [Test]
    public void Minimal_scenario_reads_without_diagnostics()
    {
        var result = Parse(Minimal);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Scenario!.Name.Value, Is.EqualTo("t"));
        Assert.That(result.Scenario.Steps, Has.Count.EqualTo(1));
    }

    [Test]
    public void Unknown_key_span_has_one_based_line_and_column_and_zero_based_offset()
    {
        var text = "name: t\nmachine:\n  rma: 1\nsteps: []\n";

        var diagnostic = Single(Parse(text));

        Assert.That(diagnostic.Id, Is.EqualTo("KJ1103"));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column), Is.EqualTo((3, 3)));
        Assert.That(diagnostic.Span.Offset, Is.EqualTo(text.IndexOf("rma", StringComparison.Ordinal)));
        Assert.That(diagnostic.Span.Length, Is.EqualTo(3));
        Assert.That(diagnostic.Hint, Is.EqualTo("did you mean `ram`?"));
    }

    [Test]
    public void Duplicate_key_is_reported_at_the_second_key_with_the_first_line()
    {
        var diagnostic = Single(Parse("name: t\nseed: 1\nsteps: []\nseed: 2\n"));

        Assert.That(diagnostic.Id, Is.EqualTo("KJ1102"));
        Assert.That(diagnostic.Span.Line, Is.EqualTo(4));
        Assert.That(diagnostic.Message, Does.Contain("line 2"));
    }

    [Test]
    public void A_list_where_a_mapping_is_expected_is_a_wrong_kind()
    {
        var diagnostic = Single(Parse("name: t\nkernel: [1]\nsteps: []\n"));

        Assert.That(diagnostic.Id, Is.EqualTo("KJ1104"));
        Assert.That(diagnostic.Message, Is.EqualTo("'kernel' must be a mapping, not a list"));
    }

    [TestCase("name: \"open\nsteps: []\n")]
    [TestCase("name: t\nsteps:\n\t- jump: ok\n")]
    [TestCase("name: t\n  bad: indentation\n")]
    [TestCase("{ name: t, ")]
    public void Syntax_errors_become_one_KJ1101_diagnostic(string text) =>
        Assert.That(Single(Parse(text)).Id, Is.EqualTo("KJ1101"));

    [Test]
    public void Numbers_wider_than_their_field_are_KJ1302_at_the_scalar()
    {
        var diagnostic = Single(Parse("name: t\nseed: 0x1_0000_0000_0000_0000\nsteps: []\n"));

        Assert.That(diagnostic.Id, Is.EqualTo("KJ1302"));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Span.Length), Is.EqualTo((2, 7, 23)));
    }

    [Test]
    public void Aliases_and_second_documents_are_refused()
    {
        Assert.That(Single(Parse("name: &a t\ndescription: *a\nsteps: []\n")).Id, Is.EqualTo("KJ1110"));
        Assert.That(Single(Parse(Minimal + "---\nname: u\n")).Id, Is.EqualTo("KJ1111"));
    }

    [Test]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        var text = "name: t\ntags: " + new string('[', 100_000) + new string(']', 100_000) + "\nsteps: []\n";

        Assert.That(Single(Parse(text)).Id, Is.EqualTo("KJ1112"));
    }

    [Test]
    public void Deeply_nested_flow_maps_block_sequences_and_indented_maps_are_refused_without_exhausting_the_stack()
    {
        var flow = "name: t\ntags: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\nsteps: []\n";
        // "- - - 1" nests block sequences on one line, so 100,000 levels fit in 200 KB.
        var block = "name: t\ntags:\n  " + string.Concat(Enumerable.Repeat("- ", 100_000)) + "1\nsteps: []\n";
        var indented = "name: t\ntags:\n" + string.Concat(Enumerable.Range(1, 2_000).Select(i => new string(' ', i) + "a:\n")) + "steps: []\n";

        Assert.Multiple(() =>
        {
            Assert.That(Single(Parse(flow)).Id, Is.EqualTo("KJ1112"));
            Assert.That(Single(Parse(indented)).Id, Is.EqualTo("KJ1112"));
            Assert.That(Single(Parse(block)).Id, Is.EqualTo("KJ1112"));
        });
    }

    [Test]
    public void A_single_flag_and_numbers_become_flag_terms_with_names_in_canonical_spelling()
    {
        var result = Parse("name: t\nimages: [{ name: b, segments: [{ mem: 0 }] }]\nsteps:\n  - load: b\n    flags: 0x3e0002\n  - load: b\n    flags: [KEXEC_PRESERVE_CONTEXT, 1]\n");
        var loads = result.Scenario!.Steps.OfType<LoadStep>().ToList();

        Assert.That(loads[0].Flags.Select(f => f.Value), Is.EqualTo(new[] { new FlagTerm(null, 0x3e0002) }));
        Assert.That(loads[1].Flags.Select(f => f.Value), Is.EqualTo(new[] { new FlagTerm("PRESERVE_CONTEXT", 0), new FlagTerm(null, 1) }));
        Assert.That(loads[0].Expect.Value, Is.EqualTo("ok"));
    }

    [Test]
    public void Expect_keys_become_expectations_in_written_order()
    {
        var result = Parse("name: t\nsteps:\n  - expect:\n      console: B\n      registers: { rax: 1, rbx: { value: 2, mask: 3 } }\n      preserved: all\n");
        var expect = (ExpectStep)result.Scenario!.Steps[0];

        Assert.That(expect.Expectations.Select(e => e.GetType().Name), Is.EqualTo(new[]
        {
            nameof(ConsoleExpectation), nameof(RegisterExpectation), nameof(RegisterExpectation), nameof(PreservedExpectation),
        }));
        Assert.That(((RegisterExpectation)expect.Expectations[2]).Mask!.Value.Value, Is.EqualTo((UInt128)3));
    }

    [Test]
    public void Fault_keys_other_than_fault_become_parameters_in_order()
    {
        var result = Parse("name: t\nsteps:\n  - fault: dma\n    device: nic0\n    at: callee\n    bytes: [1, 2]\n");
        var fault = (FaultStep)result.Scenario!.Steps[0];

        Assert.That(fault.Kind.Value, Is.EqualTo("dma"));
        Assert.That(fault.Parameters.Select(p => p.Name.Value), Is.EqualTo(new[] { "device", "at", "bytes" }));
        Assert.That(fault.Parameters[2].Value, Is.TypeOf<ListValue>());
    }

    [Test]
    public void Random_bytes_and_truncated_scenarios_never_throw()
    {
        var random = new Random(1234);
        var reader = new ScenarioReader([new YamlFrontEnd()]);
        var checker = new KjTest.Dsl.Checking.ScenarioChecker();
        var samples = Directory.EnumerateFiles(RepoPaths.Scenarios, "*.yaml").Select(File.ReadAllBytes).ToList();
        for (var i = 0; i < 300; i++)
        {
            byte[] bytes;
            if (i % 3 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                var sample = samples[random.Next(samples.Count)];
                bytes = sample[..random.Next(0, sample.Length)];
                if (i % 3 == 2 && bytes.Length > 0)
                {
                    bytes[random.Next(bytes.Length)] = (byte)"[]{}:-|>\"'\t #&*!%@`,"[random.Next(20)];
                }
            }

            Assert.DoesNotThrow(() => checker.Check(reader.Read("fuzz.yaml", bytes)), $"sample {i}");
        }
    }
}
