using KjTest.Cli.Tests.Commands;
using KjTest.Dsl.Tests.Images;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>An ELF whose sizes do not fit the machine is a usage error of <c>exec</c>, never an exception.</summary>
public class ElfSizeTests
{
    private const ulong Address = 0x40_0000;

    private static string WriteElf(TempFolder folder, ulong memorySize, ulong address = Address)
    {
        var path = Path.Combine(folder.Path, "bss.elf");
        // hlt: a guest that gets to run stops at once.
        File.WriteAllBytes(path, new ElfBuilder { Entry = address }.Add(1, 5, address, [0xf4], memorySize).Build());
        return path;
    }

    [Test]
    public void A_bss_of_two_GiB_beyond_memory_is_refused_with_the_segment_and_the_memory_size()
    {
        using var folder = new TempFolder();
        var elf = WriteElf(folder, 0x8000_1000);

        var exec = CliTester.Run("exec", elf, "--memory", "64M");

        Assert.That(exec.ExitCode, Is.EqualTo(2));
        Assert.That(exec.Error, Does.Contain("segment 0 at 0x400000 of 0x80001000 bytes does not fit the machine's memory of 0x4000000 bytes"));
    }

    [Test]
    public void A_bss_of_two_GiB_inside_memory_runs()
    {
        using var folder = new TempFolder();
        var elf = WriteElf(folder, 0x8000_1000);

        var exec = CliTester.Run("exec", elf, "--memory", "4G");

        Assert.That(exec.ExitCode, Is.Zero, exec.Error);
    }

    [Test]
    public void A_segment_whose_end_wraps_past_2_64_is_refused()
    {
        using var folder = new TempFolder();
        var elf = WriteElf(folder, 0x2000, address: 0xffff_ffff_ffff_f000);

        var exec = CliTester.Run("exec", elf);

        Assert.That(exec.ExitCode, Is.EqualTo(2));
        Assert.That(exec.Error, Does.Contain("segment 0 at 0xfffffffffffff000 of 0x2000 bytes does not fit"));
    }
}
