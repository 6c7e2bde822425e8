using System.Diagnostics;
using System.Runtime.Versioning;
using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>
/// Special files, oversized files, folder loops and unreadable folders end as diagnostics. Each runs kjtest
/// as a child process with a timeout, so a FIFO that blocks or a walk that loops fails the test instead of hanging it.
/// </summary>
[SupportedOSPlatform("linux")]
public class FileAccessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Scenario => File.ReadAllText(Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"));

    private static string ImageScenario(string file, string ram = "64MiB") =>
        $"name: t\nmachine: {{ ram: {ram} }}\nimages:\n  - name: b\n    segments:\n      - mem: 0x400000\n        file: {file}\nsteps:\n  - load: b\n  - jump: ok\n  - expect: {{ preserved: all }}\n";

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
    }

    private static void MakeSparse(string path, long size)
    {
        using var stream = File.Create(path);
        stream.SetLength(size);
    }

    [Test]
    public void A_fifo_scenario_is_refused_by_kind_without_blocking()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "pipe.yaml");
        MakeFifo(fifo);

        var check = CliProcess.Run(Timeout, "check", fifo);

        Assert.That(check.ExitCode, Is.EqualTo(2));
        Assert.That(check.Out, Does.Contain($"{fifo}:1:1: error KJ1001: cannot read file: it is a FIFO, not a regular file"));
    }

    [Test]
    public void A_scenario_linked_to_dev_zero_is_refused_as_a_character_device()
    {
        using var folder = new TempFolder();
        var link = Path.Combine(folder.Path, "zero.kjt");
        File.CreateSymbolicLink(link, "/dev/zero");

        var run = CliProcess.Run(Timeout, "run", link, "--cache-dir", Path.Combine(folder.Path, "cache"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out + run.Error, Does.Contain("KJ1001: cannot read file: it is a character device, not a regular file"));
    }

    [Test]
    public void A_scenario_file_over_64_MiB_is_refused_with_its_size_and_the_limit()
    {
        using var folder = new TempFolder();
        var big = Path.Combine(folder.Path, "big.yaml");
        MakeSparse(big, (64L << 20) + 1);

        var check = CliProcess.Run(Timeout, "check", big);

        Assert.That(check.ExitCode, Is.EqualTo(2));
        Assert.That(check.Out, Does.Contain("KJ1001: cannot read file: it is 67108865 bytes, more than the scenario file limit of 67108864 bytes"));
    }

    [Test]
    public void Image_files_that_are_devices_fifos_or_larger_than_ram_are_located_diagnostics()
    {
        using var folder = new TempFolder();
        MakeFifo(Path.Combine(folder.Path, "pipe.bin"));
        MakeSparse(Path.Combine(folder.Path, "big.bin"), (16L << 20) + 1);
        var zero = folder.Write("zero.yaml", ImageScenario("/dev/zero"));
        var pipe = folder.Write("pipe.yaml", ImageScenario("pipe.bin"));
        var big = folder.Write("big.yaml", ImageScenario("big.bin", ram: "16MiB"));

        var check = CliProcess.Run(Timeout, "check", zero, pipe, big);

        Assert.That(check.ExitCode, Is.EqualTo(2));
        Assert.That(check.Out, Does.Contain($"{zero}:7:15: error KJ1431: cannot read image file /dev/zero: it is a character device, not a regular file"));
        Assert.That(check.Out, Does.Contain($"{pipe}:7:15: error KJ1431: cannot read image file pipe.bin: it is a FIFO, not a regular file"));
        Assert.That(check.Out, Does.Contain($"{big}:7:15: error KJ1431: cannot read image file big.bin: it is 16777217 bytes, more than the machine's RAM of 16777216 bytes"));
    }

    [Test]
    public void Exec_refuses_dev_zero_and_a_fifo_and_an_image_larger_than_its_memory()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "pipe.bin");
        MakeFifo(fifo);
        var big = Path.Combine(folder.Path, "big.bin");
        MakeSparse(big, (2L << 20) + 1);

        var zero = CliProcess.Run(Timeout, "exec", "/dev/zero");
        var pipe = CliProcess.Run(Timeout, "exec", fifo);
        var large = CliProcess.Run(Timeout, "exec", big, "--memory", "2M");

        Assert.That((zero.ExitCode, pipe.ExitCode, large.ExitCode), Is.EqualTo((2, 2, 2)));
        Assert.That(zero.Error, Does.Contain("cannot read '/dev/zero': it is a character device, not a regular file"));
        Assert.That(pipe.Error, Does.Contain("it is a FIFO, not a regular file"));
        Assert.That(large.Error, Does.Contain("it is 2097153 bytes, more than the machine's memory of 2097152 bytes"));
    }

    [Test]
    public void Folder_links_back_up_the_tree_are_walked_once_and_each_file_is_checked_once()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "d");
        folder.Write("d/sub/a.yaml", Scenario);
        File.CreateSymbolicLink(Path.Combine(root, "s1"), ".");
        File.CreateSymbolicLink(Path.Combine(root, "s2"), ".");
        File.CreateSymbolicLink(Path.Combine(root, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "b.yaml"), "sub/a.yaml");

        var walk = CliProcess.Run(Timeout, "check", root);
        var glob = CliProcess.Run(Timeout, "check", root + "/**/*.yaml", root + "/s1/sub/a.yaml");

        Assert.That(walk.Out, Does.EndWith("1 file checked: 1 valid, 0 invalid, 0 errors, 0 warnings\n"));
        Assert.That(glob.Out, Does.EndWith("1 file checked: 1 valid, 0 invalid, 0 errors, 0 warnings\n"));
        Assert.That((walk.ExitCode, glob.ExitCode), Is.EqualTo((0, 0)));
    }

    [Test]
    public void An_unreadable_folder_is_a_diagnostic_and_the_rest_is_checked()
    {
        using var folder = new TempFolder();
        folder.Write("d/ok.yaml", Scenario);
        var locked = Path.GetDirectoryName(folder.Write("d/locked/x.yaml", Scenario))!;
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var check = CliProcess.Run(Timeout, unprivileged: true, "check", Path.Combine(folder.Path, "d"));

            Assert.That(check.ExitCode, Is.EqualTo(2));
            Assert.That(check.Out + check.Error, Does.Contain($"KJ1007: cannot read folder {locked}: Access to the path '{locked}' is denied."));
            Assert.That(check.Out, Does.EndWith("1 file checked: 1 valid, 0 invalid, 1 error, 0 warnings\n"));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public void An_unreadable_scenario_file_is_a_diagnostic()
    {
        using var folder = new TempFolder();
        var file = folder.Write("x.yaml", Scenario);
        File.SetUnixFileMode(file, UnixFileMode.None);

        var check = CliProcess.Run(Timeout, unprivileged: true, "check", file);

        Assert.That(check.ExitCode, Is.EqualTo(2), check.Error);
        Assert.That(check.Out, Does.Contain($"{file}:1:1: error KJ1001: cannot read file: Access to the path '{file}' is denied."));
    }
}
