using System.Diagnostics;

namespace KjTest.Dsl.Tests.Images;

/// <summary>Runs GNU as or NASM on test lines, or ignores the test when the tool is not installed.</summary>
internal static class ExternalAssembler
{
    public static string? FindTool(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Bytes from GNU as in Intel syntax, as hex text.</summary>
    public static string Gnu(IEnumerable<string> lines, int bitness)
    {
        var asPath = FindTool("as");
        var objcopyPath = FindTool("objcopy");
        if (asPath is null || objcopyPath is null)
        {
            Assert.Ignore("GNU binutils (as, objcopy) is not installed; install the Debian package 'binutils' to run this cross-check.");
        }

        return InTemporaryDirectory(directory =>
        {
            var source = Path.Combine(directory, "input.s");
            var objectFile = Path.Combine(directory, "input.o");
            var binary = Path.Combine(directory, "input.bin");
            File.WriteAllText(source, ".intel_syntax noprefix\n" + string.Join("\n", lines) + "\n");
            Run(asPath!, bitness == 64 ? "--64" : "--32", "-o", objectFile, source);
            Run(objcopyPath!, "-O", "binary", "-j", ".text", objectFile, binary);
            return AsmTestHelper.Hex(File.ReadAllBytes(binary));
        });
    }

    /// <summary>Bytes from NASM's flat binary output, as hex text.</summary>
    public static string Nasm(IEnumerable<string> lines, int bitness)
    {
        var nasmPath = FindTool("nasm");
        if (nasmPath is null)
        {
            Assert.Ignore("NASM is not installed; install the Debian package 'nasm' to run this cross-check.");
        }

        return InTemporaryDirectory(directory =>
        {
            var source = Path.Combine(directory, "input.asm");
            var binary = Path.Combine(directory, "input.bin");
            File.WriteAllText(source, $"bits {bitness}\n" + string.Join("\n", lines) + "\n");
            Run(nasmPath!, "-f", "bin", "-o", binary, source);
            return AsmTestHelper.Hex(File.ReadAllBytes(binary));
        });
    }

    private static string InTemporaryDirectory(Func<string, string> action)
    {
        var directory = Directory.CreateTempSubdirectory("kjtest-asm-");
        try
        {
            return action(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{Path.GetFileName(program)} failed: {errors.Result}");
    }
}
