using System.Text;
using KjTest.Dsl.Images;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Images;

public sealed class ImageResolverTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);

    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kjtest-resolver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Assembly_segment_is_assembled_at_its_address_and_its_entry_label_resolved()
    {
        var scenario = Read("image b entry second\n  segment 0x400000 asm \"\"\"\n    first:\n      nop\n    second:\n      ret\n    \"\"\"\n");

        var image = Resolve(scenario).Image!;

        Assert.That(image.Entry, Is.EqualTo(0x400001ul));
        Assert.That(image.Segments.Single().Bytes, Is.EqualTo(new byte[] { 0x90, 0xc3 }));
        Assert.That(image.Labels, Does.ContainKey("first").WithValue(0x400000ul));
    }

    [Test]
    public void Unwritten_memsz_is_the_content_size_rounded_up_to_a_page()
    {
        var scenario = Read("image b\n  segment 0x400000 fill 0xcc size 4097\n  segment 0x500000 hex \"c3\"\n  segment 0x600000\n");

        var segments = Resolve(scenario).Image!.Segments;

        Assert.That(segments.Select(s => s.MemSize), Is.EqualTo(new[] { 0x2000ul, 0x1000ul, 0ul }));
        Assert.That(segments[0].Bytes, Has.Length.EqualTo(4097).And.All.EqualTo((byte)0xcc));
    }

    [Test]
    public void Content_larger_than_its_memsz_is_resolved_without_a_diagnostic()
    {
        var scenario = Read("image b\n  segment 0x400000 memsz 1 fill 0 size 8KiB\n");

        var resolution = Resolve(scenario);

        Assert.That(resolution.Diagnostics, Is.Empty);
        Assert.That(resolution.Image!.Segments.Single(), Has.Property("MemSize").EqualTo(1ul).And.Property("Bytes").Length.EqualTo(8192));
    }

    [Test]
    public void Without_an_entry_the_first_segment_address_is_the_entry() =>
        Assert.That(Resolve(Read("image b\n  segment 0x7000 hex \"c3\"\n  segment 0x9000 hex \"c3\"\n")).Image!.Entry, Is.EqualTo(0x7000ul));

    [Test]
    public void Whole_elf_expands_to_its_load_segments_with_e_entry()
    {
        var elf = new ElfBuilder { Entry = 0x400010 }
            .Add(1, 5, 0x400000, [0x90, 0xc3], memorySize: 0x1800)
            .Add(4, 4, 0, [1, 2, 3])
            .Add(1, 6, 0x600000, [0xaa], physicalAddress: 0x200000);
        File.WriteAllBytes(Path.Combine(_folder, "k.elf"), elf.Build());

        var image = Resolve(Read("image k elf \"k.elf\"\n")).Image!;

        Assert.That(image.Entry, Is.EqualTo(0x400010ul));
        Assert.That(image.Segments.Select(s => (s.Mem, s.MemSize, s.Bytes.Length)), Is.EqualTo(new[] { (0x400000ul, 0x2000ul, 2), (0x200000ul, 0x1000ul, 1) }));
    }

    [Test]
    public void Elf_segment_content_is_the_file_bytes_of_that_load_header()
    {
        File.WriteAllBytes(Path.Combine(_folder, "k.elf"), new ElfBuilder().Add(1, 5, 0x1000, [1]).Add(1, 5, 0x2000, [2, 3]).Build());

        var bytes = Resolve(Read("image b\n  segment 0x400000 elf \"k.elf\" index 1\n")).Image!.Segments.Single().Bytes;

        Assert.That(bytes, Is.EqualTo(new byte[] { 2, 3 }));
    }

    [Test]
    public void I386_scenarios_assemble_32_bit_code()
    {
        var x64 = Read("image b\n  segment 0x1000 asm \"inc eax\"\n");
        var i386 = Read("image b\n  segment 0x1000 asm \"inc eax\"\n", "  arch i386\n");

        Assert.That(ImageResolver.BitnessOf(i386), Is.EqualTo(32));
        Assert.That(Resolve(i386).Image!.Segments.Single().Bytes, Is.EqualTo(new byte[] { 0x40 }));
        Assert.That(Resolve(x64).Image!.Segments.Single().Bytes, Is.EqualTo(new byte[] { 0xff, 0xc0 }));
    }

    [Test]
    public void Undefined_entry_label_is_a_diagnostic_with_a_suggestion()
    {
        var resolution = Resolve(Read("image b entry strt\n  segment 0x1000 asm \"\"\"\n    start:\n      ret\n    \"\"\"\n"));

        Assert.That(resolution.Image, Is.Null);
        Assert.That(resolution.Diagnostics.Select(d => (d.Id, d.Hint)), Is.EqualTo(new[] { ("KJ1535", (string?)"did you mean `start`?") }));
    }

    [Test]
    public void A_file_is_read_once_per_resolver()
    {
        var path = Path.Combine(_folder, "blob.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        var scenario = Read("memory 0x1000 file \"blob.bin\"\n");
        var resolver = new ImageResolver();
        var content = scenario.Memory.Single().Content;

        var first = resolver.ResolveContent(scenario, _folder, content, 0x1000);
        File.Delete(path);
        var second = resolver.ResolveContent(scenario, _folder, content, 0x1000);
        var fresh = new ImageResolver().ResolveContent(scenario, _folder, content, 0x1000);

        Assert.That(second.Bytes, Is.EqualTo(first.Bytes).And.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(fresh.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1430" }));
    }

    [Test]
    public void Memory_assembly_is_assembled_at_the_address_it_is_given()
    {
        var scenario = Read("memory 0x2000 asm \"\"\"\n  here:\n    dq here\n  \"\"\"\n");

        var resolved = new ImageResolver().ResolveContent(scenario, _folder, scenario.Memory.Single().Content, 0x2000);

        Assert.That(resolved.Bytes, Is.EqualTo(BitConverter.GetBytes(0x2000ul)));
        Assert.That(resolved.Labels["here"], Is.EqualTo(0x2000ul));
    }

    [Test]
    public void Huge_fill_is_a_diagnostic_not_an_allocation()
    {
        var scenario = Read("memory 0x0 fill 0 size 2GiB\n");

        var resolved = new ImageResolver().ResolveContent(scenario, _folder, scenario.Memory.Single().Content, 0);

        Assert.That((resolved.Bytes, resolved.Diagnostics.Single().Id), Is.EqualTo(((byte[]?)null, "KJ1536")));
    }

    [Test]
    public void Base_directory_is_the_folder_of_the_scenario_file()
    {
        var scenario = Read("image b\n  segment 0 hex \"c3\"\n");

        Assert.That(ImageResolver.BaseDirectoryOf(scenario), Is.EqualTo(_folder));
    }

    private ImageResolution Resolve(Scenario scenario) => new ImageResolver().Resolve(scenario, _folder, scenario.Images.Single());

    private Scenario Read(string sections, string metadata = "")
    {
        var result = Reader.Read(Path.Combine(_folder, "s.kjt"), Encoding.UTF8.GetBytes("scenario \"s\"\n" + metadata + "\n" + sections));
        Assert.That(result.Diagnostics, Is.Empty, string.Join("\n", result.Diagnostics));
        return result.Scenario!;
    }
}
