using System.Runtime.Versioning;
using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>
/// The inputs that used to exhaust memory, each run from a cold process with its peak resident memory measured.
/// A cold kjtest process peaks at about 60-120 MiB; the figures before each fix are in the comments.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ColdProcessMemoryTests
{
    private const long BoundMiB = 256;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static string Printer(ulong count) => $"""
        name: printer
        limits: {"{"} max_instructions: {count * 3 + 10_000_000} {"}"}
        machine: {"{"} ram: 64MiB {"}"}
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov ecx, {count}
                  mov dx, 0x3f8
                  mov al, 0x78
                  print:
                  out dx, al
                  dec ecx
                  jnz print
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: {"{"} preserved: all {"}"}

        """;

    [Test]
    public void A_terabyte_machine_costs_what_a_small_one_does()
    {
        // Before RAM was sparse: 12.8 GB and 89 s, and a #PF past the 512 GiB direct map.
        using var folder = new TempFolder();
        var yaml = File.ReadAllText(Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"));
        var file = folder.Write("tera.yaml", System.Text.RegularExpressions.Regex.Replace(yaml, "ram: *[0-9A-Za-z]+", "ram: 1TiB"));
        Assume.That(File.ReadAllText(file), Does.Contain("ram: 1TiB"), "the bundled scenario states its RAM");

        var (run, peak) = CliProcess.RunMeasured(Timeout, "run", file, "--cache-dir", Path.Combine(folder.Path, "cache"));

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(peak, Is.LessThan(BoundMiB), $"peak {peak} MiB");
    }

    [Test]
    public void Fifty_million_console_bytes_in_a_scenario_stay_within_the_console_limit()
    {
        // Before the byte buffer: about 41 bytes of host memory per byte printed, 2 GB here.
        using var folder = new TempFolder();
        var file = folder.Write("printer.yaml", Printer(50_000_000));

        var (run, peak) = CliProcess.RunMeasured(Timeout, "run", file, "--cache-dir", Path.Combine(folder.Path, "cache"));

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(peak, Is.LessThan(BoundMiB), $"peak {peak} MiB");
    }

    [Test]
    public void Exec_streams_fifty_million_uart_bytes_without_keeping_them()
    {
        using var folder = new TempFolder();
        var image = Path.Combine(folder.Path, "uart.bin");
        // mov ecx, 50000000; mov dx, 0x3f8; mov al, 'x'; L: out dx, al; dec ecx; jnz L; hlt
        File.WriteAllBytes(image, [0xb9, 0x80, 0xf0, 0xfa, 0x02, 0x66, 0xba, 0xf8, 0x03, 0xb0, 0x78, 0xee, 0xff, 0xc9, 0x75, 0xfb, 0xf4]);

        var (run, peak) = CliProcess.RunMeasured(Timeout, "exec", image, "--max-instructions", "200000000");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.OutBytes, Has.Length.EqualTo(50_000_000));
        Assert.That(peak, Is.LessThan(BoundMiB + 100), $"peak {peak} MiB (the test reads the 48 MiB of output, kjtest keeps none)");
    }

    [Test]
    public void Exec_of_dev_zero_is_refused_before_reading_it()
    {
        // Before bounded reads: read until about 4.1 GiB, then killed.
        var (run, peak) = CliProcess.RunMeasured(Timeout, "exec", "/dev/zero");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(peak, Is.LessThan(BoundMiB), $"peak {peak} MiB");
    }

    [Test]
    public void A_four_megabyte_misspelt_key_gets_no_hint_and_costs_little()
    {
        // Before the banded distance: 1.33 GB and 10.7 s for the did-you-mean matrix.
        using var folder = new TempFolder();
        var file = folder.Write("token.yaml", "name: t\n" + new string('q', 4 << 20) + ": 1\nsteps:\n  - jump: ok\n");

        var (run, peak) = CliProcess.RunMeasured(Timeout, "check", file);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Out.Length + run.Error.Length, Is.LessThan(64 << 10), "the diagnostic cuts the line to a window");
        Assert.That(peak, Is.LessThan(BoundMiB), $"peak {peak} MiB");
    }
}
