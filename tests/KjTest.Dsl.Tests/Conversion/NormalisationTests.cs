using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Conversion;

/// <summary>
/// Each spelling choice is made once for both syntaxes: the same scenario written with different
/// spellings reads into one model, whichever front end reads it.
/// </summary>
public sealed class NormalisationTests
{
    private const string YamlHead = "name: n\nimages:\n  - name: b\n    segments:\n      - { mem: 0x400000, hex: c3 }\n";
    private const string KjtHead = "scenario \"n\"\n\nimage b\n  segment 0x400000 hex \"c3\"\n";
    private const string Hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);

    [TestCase("  - expect: { preserved: all }\n", "  expect preserved all\n", "  - expect: { preserved: { classes: [cpu, fpu, memory, devices] } }\n")]
    [TestCase("  - expect: { memory: [{ at: 0x1000, size: 4KiB, sha256: \"" + Hash + "\" }] }\n", "  expect memory 0x1000 size 4KiB sha256 \"SHA256:" + Hash + "\"\n", "  - expect: { memory: [{ at: 0x1000, size: 4KiB, sha256: \"" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855" + "\" }] }\n")]
    [TestCase("  - load: b\n", "  load b\n", "  - { load: b, expect: OK }\n")]
    [TestCase("  - load: b\n    flags: [kexec_preserve_context, Arch_X86_64]\n", "  load b flags KEXEC_PRESERVE_CONTEXT | arch_x86_64\n", "  - { load: b, flags: PRESERVE_CONTEXT | ARCH_X86_64 }\n")]
    [TestCase("  - { load: b, expect: einval }\n", "  load b expect Einval\n", "  - { load: b, expect: EINVAL }\n")]
    [TestCase("  - unload:\n", "  unload\n", "  - { unload: normal, expect: ok }\n")]
    [TestCase("  - { unload: crash, expect: ebusy }\n", "  unload crash expect EBUSY\n", "  - { unload: crash, expect: EBUSY }\n")]
    [TestCase("  - jump:\n", "  jump\n", "  - jump: OK\n")]
    [TestCase("  - jump: TRIPLE_FAULT\n", "  jump expect triple_fault\n", "  - jump: Triple_Fault\n")]
    [TestCase("  - jump: eperm\n", "  jump expect EPERM\n", "  - jump: EPERM\n")]
    public void Yaml_and_kjt_spellings_read_into_one_model(string yamlSteps, string kjtSteps, string otherYamlSteps)
    {
        var fromYaml = Dump("n.yaml", YamlHead + "steps:\n" + yamlSteps);
        var fromKjt = Dump("n.kjt", KjtHead + "\nsteps\n" + kjtSteps);
        var fromOther = Dump("n.yaml", YamlHead + "steps:\n" + otherYamlSteps.Replace("flags: PRESERVE_CONTEXT | ARCH_X86_64", "flags: [PRESERVE_CONTEXT, ARCH_X86_64]", StringComparison.Ordinal));

        Assert.That((fromKjt, fromOther), Is.EqualTo((fromYaml, fromYaml)));
    }

    [Test]
    public void Enumeration_words_are_read_in_any_case_by_both_front_ends()
    {
        var fromYaml = Dump("n.yaml", "name: n\nera: K30\narch: X86_64\noutcome: Gap\nmachine: { memory_map: [{ start: 0, size: 64MiB, kind: RAM }] }\nsteps:\n  - expect: { preserved: [CPU, memory] }\n");
        var fromKjt = Dump("n.kjt", "scenario \"n\"\n  era k30\n  arch x86_64\n  outcome gap\n\nmachine\n  region Ram 0 size 64MiB\n\nsteps\n  expect preserved cpu, MEMORY\n");

        Assert.That(fromKjt, Is.EqualTo(fromYaml));
    }

    [Test]
    public void Lsm_error_is_stored_in_upper_case_by_both_front_ends()
    {
        var fromYaml = Dump("n.yaml", YamlHead + "kernel: { lsm_error: eperm }\nsteps: []\n");
        var fromKjt = Dump("n.kjt", KjtHead + "\nkernel\n  lsm_error eperm\n");

        Assert.That(fromYaml, Does.Contain("LsmError: \"EPERM\""));
        Assert.That(fromKjt, Is.EqualTo(fromYaml));
    }

    [Test]
    public void Kjt_refuses_a_hash_that_is_not_64_hex_digits_as_yaml_does()
    {
        var kjt = Reader.Read("n.kjt", Encoding.UTF8.GetBytes(KjtHead + "\nsteps\n  expect memory 0x1000 size 1 sha256 \"00ff\"\n"));
        var yaml = Reader.Read("n.yaml", Encoding.UTF8.GetBytes(YamlHead + "steps:\n  - expect: { memory: [{ at: 0x1000, size: 1, sha256: \"00ff\" }] }\n"));

        Assert.That(kjt.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1113" }));
        Assert.That(yaml.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1113" }));
    }

    [TestCase("64MB", "KJ1304")]
    [TestCase("0x1_0000_0000_0000_0000", "KJ1305")]
    [TestCase("1.5GiB", "KJ1303")]
    public void A_bad_size_gives_the_same_diagnostic_in_both_syntaxes(string ram, string id)
    {
        var yaml = Reader.Read("n.yaml", Encoding.UTF8.GetBytes("name: n\nmachine: { ram: " + ram + " }\nsteps: []\n"));
        var kjt = Reader.Read("n.kjt", Encoding.UTF8.GetBytes("scenario \"n\"\n\nmachine\n  ram " + ram + "\n"));

        Assert.That(kjt.Diagnostics.Select(d => (d.Id, d.Message, d.Hint)), Is.EqualTo(yaml.Diagnostics.Select(d => (d.Id, d.Message, d.Hint))));
        Assert.That(yaml.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { id }));
    }

    private static string Dump(string path, string text)
    {
        var result = Reader.Read(path, Encoding.UTF8.GetBytes(text));
        Assert.That(result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, result.Source)), Is.Empty, text);
        return ModelDump.Write(result.Scenario);
    }
}
