using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Runtime.Tests.Guests;

/// <summary>
/// Builds the freestanding guest programs of tests/Guests with gcc and runs them natively,
/// proving the programs and their golden outputs before the emulator is compared with them.
/// </summary>
[NonParallelizable]
public sealed class GuestProgramTests
{
    private static readonly string[] Programs = ["sort", "crc32", "sieve", "strings", "interp"];
    private static readonly string[] Variants = ["x86_64-O0", "x86_64-O2", "i386-O0", "i386-O2"];

    private DirectoryInfo? _output;
    private string _guests = "";

    public static IEnumerable<TestCaseData> Binaries() =>
        from p in Programs from v in Variants select new TestCaseData(p, v).SetName($"{p}_{v.Replace('-', '_')}_prints_its_golden_output");

    [OneTimeSetUp]
    public void BuildGuests()
    {
        _guests = FindGuestsFolder();
        var (gccExit, _, _) = Run("gcc", ["--version"], 30_000, ignoreMissing: true);
        if (gccExit is null)
        {
            Assert.Ignore("gcc is not installed (Debian packages gcc and gcc-multilib); the guest programs cannot be built here.");
        }

        var (_, libgcc32, _) = Run("gcc", ["-m32", "-print-libgcc-file-name"], 30_000);
        if (!File.Exists(libgcc32.Trim()))
        {
            Assert.Ignore("gcc cannot build -m32 programs (install gcc-multilib); the i386 guest programs cannot be built here.");
        }

        _output = Directory.CreateTempSubdirectory("kjtest-guests-");
        var (exit, stdout, stderr) = Run("bash", [Path.Combine(_guests, "build.sh"), _output.FullName], 300_000);
        Assert.That(exit, Is.Zero, $"build.sh failed:\n{stdout}\n{stderr}");
    }

    [OneTimeTearDown]
    public void RemoveBuild() => _output?.Delete(recursive: true);

    [TestCaseSource(nameof(Binaries))]
    public void Guest_program_prints_its_golden_output(string program, string variant)
    {
        var binary = Path.Combine(_output!.FullName, $"{program}-{variant}");
        var expected = File.ReadAllText(Path.Combine(_guests, program + ".expected"));
        int? exit;
        string stdout;
        try
        {
            (exit, stdout, _) = Run(binary, [], 20_000);
        }
        catch (Win32Exception e) when (variant.StartsWith("i386", StringComparison.Ordinal))
        {
            Assert.Ignore($"this kernel cannot run i386 executables ({e.Message})");
            return;
        }

        Assert.That(stdout, Is.EqualTo(expected));
        Assert.That(exit, Is.Zero, "the program's own checks reported failures");
    }

    public static IEnumerable<TestCaseData> EmulatedBinaries() =>
        from p in Programs from v in Variants select new TestCaseData(p, v).SetName($"{p}_{v.Replace('-', '_')}_prints_its_golden_output_on_the_emulator");

    [TestCaseSource(nameof(EmulatedBinaries))]
    public void Guest_program_prints_its_golden_output_on_the_emulator(string program, string variant)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_output!.FullName, $"{program}-{variant}"));
        var image = ElfImageReader.TryRead(bytes, out var error);
        Assert.That(image, Is.Not.Null, error);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var result = ProgramRunner.Run(image!, 256UL << 20, 2_000_000_000, stdout, stderr);

        TestContext.Out.WriteLine($"{result.Outcome.Instructions} instructions, {result.Mips:F1} MIPS");
        Assert.That(Encoding.UTF8.GetString(stdout.ToArray()), Is.EqualTo(File.ReadAllText(Path.Combine(_guests, program + ".expected"))), result.Outcome.ToString());
        Assert.That(result.ExitCode, Is.Zero, $"{result.Outcome}; stderr: {Encoding.UTF8.GetString(stderr.ToArray())}");
    }

    [Test]
    public void A_repeated_build_runs_the_work_that_many_times_on_the_emulator_as_natively()
    {
        var repeated = Directory.CreateTempSubdirectory("kjtest-guests-repeat-");
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(_guests, "build.sh"));
            start.ArgumentList.Add(repeated.FullName);
            start.Environment["REPEAT"] = "4";
            using (var build = Process.Start(start)!)
            {
                var error = build.StandardError.ReadToEndAsync();
                build.StandardOutput.ReadToEnd();
                Assert.That(build.WaitForExit(300_000) && build.ExitCode == 0, Is.True, error.Result);
            }

            foreach (var program in Programs)
            {
                var binary = Path.Combine(repeated.FullName, $"{program}-x86_64-O2");
                var (_, native, _) = Run(binary, [], 20_000);
                using var stdout = new MemoryStream();
                var repeatedRun = ProgramRunner.Run(ElfImageReader.TryRead(File.ReadAllBytes(binary), out _)!, 256UL << 20, 2_000_000_000, stdout, Stream.Null);
                var single = ProgramRunner.Run(
                    ElfImageReader.TryRead(File.ReadAllBytes(Path.Combine(_output!.FullName, $"{program}-x86_64-O2")), out _)!, 256UL << 20, 2_000_000_000, Stream.Null, Stream.Null);

                Assert.That(repeatedRun.ExitCode, Is.Zero, program);
                Assert.That(Encoding.UTF8.GetString(stdout.ToArray()), Is.EqualTo(native), $"{program}: only the last pass writes, as natively");
                Assert.That(repeatedRun.Outcome.Instructions, Is.GreaterThan(single.Outcome.Instructions * 39 / 10), $"{program}: four passes of the work");
            }
        }
        finally
        {
            repeated.Delete(recursive: true);
        }
    }

    [TestCaseSource(nameof(Binaries))]
    public void Guest_program_is_a_static_executable_loaded_at_its_link_address(string program, string variant)
    {
        var image = File.ReadAllBytes(Path.Combine(_output!.FullName, $"{program}-{variant}"));
        Assert.That(image.AsSpan(0, 4).ToArray(), Is.EqualTo("\u007fELF"u8.ToArray()));
        var is64 = image[4] == 2;
        Assert.That(is64, Is.EqualTo(variant.StartsWith("x86_64", StringComparison.Ordinal)));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(16)), Is.EqualTo((ushort)2), "ET_EXEC");
        var phoff = is64 ? BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(32)) : BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(28));
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(is64 ? 54 : 42));
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(is64 ? 56 : 44));
        var loads = 0;
        for (var i = 0; i < phnum; i++)
        {
            var ph = image.AsSpan((int)phoff + (i * phentsize));
            var type = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            Assert.That(type, Is.Not.EqualTo(3u), "no PT_INTERP: the program is static");
            if (type != 1)
            {
                continue;
            }

            loads++;
            var vaddr = is64 ? BinaryPrimitives.ReadUInt64LittleEndian(ph[16..]) : BinaryPrimitives.ReadUInt32LittleEndian(ph[8..]);
            var paddr = is64 ? BinaryPrimitives.ReadUInt64LittleEndian(ph[24..]) : BinaryPrimitives.ReadUInt32LittleEndian(ph[12..]);
            Assert.That(vaddr, Is.GreaterThanOrEqualTo(0x40_0000ul).And.LessThan(0x50_0000ul));
            Assert.That(paddr, Is.EqualTo(vaddr), "loadable at its physical address");
        }

        Assert.That(loads, Is.GreaterThan(0));
    }

    private static string FindGuestsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Guests");
            if (File.Exists(Path.Combine(candidate, "build.sh")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Guests/build.sh not found above " + AppContext.BaseDirectory);
    }

    private static (int? Exit, string Stdout, string Stderr) Run(string file, string[] arguments, int timeoutMs, bool ignoreMissing = false)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception) when (ignoreMissing)
        {
            return (null, "", "");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{file} did not finish within {timeoutMs} ms");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
