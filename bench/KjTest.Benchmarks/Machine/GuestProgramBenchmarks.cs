using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Benchmarks.Machine;

/// <summary>
/// The integer workload: each compiled guest program (x86-64, -O2) run to completion on the
/// KjTest emulator, and the same executable under <c>qemu-x86_64</c> in one-instruction-per-block
/// mode (<c>-one-insn-per-tb</c>, or <c>-singlestep</c> before QEMU 8.1) as a separate process.
/// The MIPS column divides the emulator's instruction count by each mean time.
/// </summary>
[MipsColumn]
public class GuestProgramBenchmarks
{
    private GuestImage _image = null!;
    private string _path = "";
    private string? _qemuOption;

    /// <summary>The guest program.</summary>
    [ParamsSource(nameof(Programs))]
    public string Program { get; set; } = "";

    /// <summary>The programs benchmarked.</summary>
    public static IEnumerable<string> Programs => GuestPrograms.Names;

    /// <summary>Builds the program and finds QEMU's single-step option.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = GuestPrograms.Path64(Program);
        _image = GuestPrograms.Image(Program);
        _qemuOption = QemuSingleStepOption();
    }

    /// <summary>The program on the KjTest emulator.</summary>
    [Benchmark(Baseline = true)]
    public ulong KjTestEmulator() => GuestPrograms.RunOnEmulator(_image).Outcome.Instructions;

    /// <summary>The program under qemu-x86_64 one instruction per translation block (process start included).</summary>
    [Benchmark]
    public int QemuSingleStep()
    {
        if (_qemuOption is null)
        {
            throw new InvalidOperationException("qemu-x86_64 is not installed (Debian package qemu-user)");
        }

        var start = new ProcessStartInfo("qemu-x86_64") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(_qemuOption);
        start.ArgumentList.Add(_path);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"qemu run of {Program} failed with {process.ExitCode}");
    }

    private static string? QemuSingleStepOption()
    {
        try
        {
            var start = new ProcessStartInfo("qemu-x86_64", "-h") { UseShellExecute = false, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var help = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return help.Contains("-one-insn-per-tb", StringComparison.Ordinal) ? "-one-insn-per-tb" : "-singlestep";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
