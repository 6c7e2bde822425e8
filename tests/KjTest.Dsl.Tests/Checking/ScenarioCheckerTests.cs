using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Checking;

public sealed class ScenarioCheckerTests
{
    private const string Image = "images:\n  - name: b\n    segments:\n      - { mem: 0x400000, memsz: 0x1000, hex: \"c3\" }\n";

    private static Scenario Read(string yaml)
    {
        var result = new YamlFrontEnd().Parse(new SourceText("t.yaml", yaml));
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        return result.Scenario!;
    }

    private static List<string> Ids(Scenario scenario) => [.. new ScenarioChecker().Check(scenario).Select(d => d.Id)];

    [Test]
    public void A_valid_scenario_has_no_diagnostics() =>
        Assert.That(Ids(Read("name: t\n" + Image + "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect: { preserved: all }\n")), Is.Empty);

    [Test]
    public void A_64_bit_register_name_on_i386_hints_the_32_bit_name()
    {
        var diagnostics = new ScenarioChecker().Check(Read("name: t\narch: i386\nstate: { rsp: 0x9000 }\nsteps:\n  - jump: EINVAL\n"));

        Assert.That(diagnostics.Single().Id, Is.EqualTo("KJ1505"));
        Assert.That(diagnostics.Single().Hint, Is.EqualTo("on i386 write `esp`"));
    }

    [Test]
    public void The_k27_era_defaults_to_i386_so_32_bit_registers_are_valid() =>
        Assert.That(Ids(Read("name: t\nera: k27\nstate: { eax: 0xffff_ffff, cr3: 0xffff_f000 }\nsteps:\n  - jump: EINVAL\n")), Is.Empty);

    [Test]
    public void A_jump_after_a_crash_image_load_has_no_normal_image() =>
        Assert.That(Ids(Read("name: t\n" + Image + "steps:\n  - load: b\n    flags: [ON_CRASH]\n  - jump: ok\n  - expect: { preserved: all }\n")), Is.EqualTo(new[] { "KJ1519" }));

    [Test]
    public void A_jump_expecting_an_errno_needs_no_load() =>
        Assert.That(Ids(Read("name: t\nsteps:\n  - jump: EINVAL\n")), Is.Empty);

    [Test]
    public void Steps_after_a_timeout_are_reported_once()
    {
        var scenario = Read("name: t\n" + Image + "steps:\n  - load: b\n  - jump: timeout\n  - jump: ok\n  - expect: { preserved: all }\n");

        Assert.That(Ids(scenario), Is.EqualTo(new[] { "KJ1520" }));
    }

    [Test]
    public void Kexec_load_rules_are_left_to_the_kernel_model()
    {
        var scenario = Read("name: t\nimages:\n  - name: b\n    segments:\n"
            + string.Concat(Enumerable.Range(0, 17).Select(i => $"      - {{ mem: 0x{0x400800 + (i * 0x100):x}, memsz: 0x10, fill: {{ value: 0, size: 0x20 }} }}\n"))
            + "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT, ARCH_PPC]\n    expect: EINVAL\n");

        Assert.That(Ids(scenario), Is.Empty);
    }

    [Test]
    public void Models_from_any_front_end_are_checked_for_shapes_yaml_cannot_write()
    {
        var span = SourceSpan.None;
        var scenario = Read("name: t\n" + Image + "state: { rax: 1 }\nsteps: []\n");
        scenario = scenario with
        {
            State = new CpuStateSpec(span, [scenario.State.Registers[0], scenario.State.Registers[0]]),
            Images = [.. scenario.Images, scenario.Images[0] with { Name = new Located<string>("c", span), Segments = [] }],
            Steps = [new JumpStep(span, new Located<string>("EINVAL", span)), new ExpectStep(span, [new MemoryExpectation(span, new Located<ulong>(0x1000, span), null, null, null)])],
        };

        Assert.That(Ids(scenario), Is.EquivalentTo(new[] { "KJ1524", "KJ1527", "KJ1531" }));
    }

    [Test]
    public void Image_content_goes_through_the_seam_when_one_is_given()
    {
        var recorder = new RecordingImageChecker();
        var scenario = Read("name: t\nmemory: [{ at: 0x1000, hex: \"90\" }]\n" + Image
            + "steps:\n  - expect: { memory: [{ at: 0x1000, hex: \"90\" }, { at: 0x2000, size: 1, sha256: \"" + new string('0', 64) + "\" }] }\n");

        new ScenarioChecker(recorder).Check(scenario);

        Assert.That(recorder.Images, Is.EqualTo(new[] { "b" }));
        Assert.That(recorder.Contents, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_parse_result_with_errors_is_returned_unchecked()
    {
        var result = new YamlFrontEnd().Parse(new SourceText("t.yaml", "name: t\nrma: 1\nsteps:\n  - jump: whatever\n"));

        var checkedResult = new ScenarioChecker().Check(result);

        Assert.That(checkedResult.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1103" }));
    }

    [Test]
    public void A_clean_parse_result_gains_the_semantic_diagnostics()
    {
        var result = new YamlFrontEnd().Parse(new SourceText("t.yaml", "name: t\nsteps:\n  - jump: whatever\n"));

        ParseResult checkedResult = new ScenarioChecker().Check(result);

        Assert.That(checkedResult.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1503" }));
        Assert.That(checkedResult.Succeeded, Is.False);
    }
}
