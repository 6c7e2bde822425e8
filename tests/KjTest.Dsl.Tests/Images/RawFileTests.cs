using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Dsl.Tests.Images;

public class RawFileTests
{
    private static readonly SourceSpan PathSpan = new("s.yaml", 10, 12, 2, 9, 2, 21);

    private static string DataDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Images", "Data");

    [Test]
    public void Reads_a_file_relative_to_the_scenario_directory()
    {
        var result = RawFile.Read("jump64.bin", DataDirectory, PathSpan);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Bytes, Is.EqualTo(new byte[] { 0x66, 0xba, 0xf8, 0x03, 0xb0, 0x42, 0xee, 0xc3 }));
    }

    [Test]
    public void Reads_an_absolute_path_regardless_of_the_base_directory()
    {
        var result = RawFile.Read(Path.Combine(DataDirectory, "jump64.bin"), "/nonexistent", PathSpan);

        Assert.That(result.Bytes, Has.Length.EqualTo(8));
    }

    [Test]
    public void Reads_a_window_of_the_file()
    {
        Assert.That(RawFile.Read("jump64.bin", DataDirectory, PathSpan, offset: 4, length: 3).Bytes, Is.EqualTo(new byte[] { 0xb0, 0x42, 0xee }));
        Assert.That(RawFile.Read("jump64.bin", DataDirectory, PathSpan, offset: 6).Bytes, Is.EqualTo(new byte[] { 0xee, 0xc3 }));
        Assert.That(RawFile.Read("jump64.bin", DataDirectory, PathSpan, length: 2).Bytes, Is.EqualTo(new byte[] { 0x66, 0xba }));
        Assert.That(RawFile.Read("jump64.bin", DataDirectory, PathSpan, offset: 8).Bytes, Is.Empty);
    }

    [TestCase(9L, null)]
    [TestCase(4L, 5L)]
    [TestCase(-1L, null)]
    [TestCase(0L, -2L)]
    [TestCase(long.MaxValue, 2L)]
    public void Window_outside_the_file_is_reported(long? offset, long? length)
    {
        var result = RawFile.Read("jump64.bin", DataDirectory, PathSpan, offset, length);

        Assert.That(result.Bytes, Is.Null);
        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1432"));
        Assert.That(result.Diagnostics.Single().Span, Is.EqualTo(PathSpan));
    }

    [Test]
    public void Missing_file_is_reported_at_the_path_with_a_did_you_mean_hint()
    {
        var result = RawFile.Read("jump46.bin", DataDirectory, PathSpan);

        var diagnostic = result.Diagnostics.Single();
        Assert.That((diagnostic.Id, diagnostic.Span, diagnostic.Hint), Is.EqualTo(("KJ1430", PathSpan, "did you mean `jump64.bin`?")));
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void Directory_instead_of_a_file_is_reported()
    {
        var result = RawFile.Read(".", DataDirectory, PathSpan);

        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1431"));
        Assert.That(result.Diagnostics.Single().Message, Does.EndWith(": it is a directory, not a regular file"));
    }

    [Test]
    public void Path_with_a_nul_character_is_reported_not_thrown()
    {
        var result = RawFile.Read("bad\0name", DataDirectory, PathSpan);

        Assert.That(result.Diagnostics.Single().Id, Is.AnyOf("KJ1430", "KJ1431"));
    }
}
