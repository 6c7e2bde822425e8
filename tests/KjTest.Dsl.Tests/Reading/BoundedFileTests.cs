using KjTest.Dsl.Reading;

namespace KjTest.Dsl.Tests.Reading;

public class BoundedFileTests
{
    private string _folder = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "kjtest-bounded-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_regular_file_within_the_limit_is_read_whole()
    {
        var path = Path.Combine(_folder, "f.bin");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);

        Assert.That(BoundedFile.Read(path, 5).Bytes, Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void A_file_past_the_limit_is_refused_with_its_size_and_the_named_limit()
    {
        var path = Path.Combine(_folder, "f.bin");
        File.WriteAllBytes(path, new byte[6]);

        var read = BoundedFile.Read(path, 5, "the test limit");

        Assert.That((read.Bytes, read.Problem), Is.EqualTo(((byte[]?)null, "it is 6 bytes, more than the test limit of 5 bytes")));
    }

    [Test]
    public void Special_files_are_refused_by_kind_and_a_missing_file_says_so()
    {
        Assume.That(OperatingSystem.IsLinux(), Is.True, "the kinds come from statx");

        Assert.Multiple(() =>
        {
            Assert.That(BoundedFile.Read(_folder, 100).Problem, Is.EqualTo("it is a directory, not a regular file"));
            Assert.That(BoundedFile.Read("/dev/null", 100).Problem, Is.EqualTo("it is a character device, not a regular file"));
            Assert.That(BoundedFile.Read(Path.Combine(_folder, "none"), 100).Missing, Is.True);
            Assert.That(BoundedFile.Read("a\0b", 100).Problem, Is.EqualTo("the path contains a NUL character"));
        });
    }

    [Test]
    public void Two_paths_to_one_file_have_one_identity()
    {
        Assume.That(OperatingSystem.IsLinux(), Is.True, "identities come from statx");
        var path = Path.Combine(_folder, "f.yaml");
        File.WriteAllText(path, "x");
        var link = Path.Combine(_folder, "g.yaml");
        File.CreateSymbolicLink(link, path);

        Assert.That(FileProbe.Probe(link)!.Identity, Is.EqualTo(FileProbe.Probe(path)!.Identity).And.Not.Empty);
        Assert.That(FileProbe.Probe(_folder)!.Identity, Is.Not.EqualTo(FileProbe.Probe(path)!.Identity));
    }
}
