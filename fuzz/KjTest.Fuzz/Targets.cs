using System.Text;
using KjTest.Cli.Terminal;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Fuzz;

/// <summary>
/// The fuzz targets. Each takes one input and must end with diagnostics or an outcome: an exception out of it, a hang
/// or a crash of the process is a finding.
/// </summary>
public static class Targets
{
    /// <summary>Instructions a CPU target runs at most: enough for loops to matter, few enough for many runs a second.</summary>
    public const ulong CpuBudget = 10_000;

    /// <summary>RAM of the CPU targets' machine, as <c>kjtest exec</c> gives by default.</summary>
    public const ulong CpuMemory = 256UL << 20;

    /// <summary>Where <c>kjtest exec</c> loads a flat binary.</summary>
    public const ulong FlatLoadAddress = 0x10_0000;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly ScenarioReader YamlReader = new([new YamlFrontEnd()]);
    private static readonly ScenarioReader KjtReader = new([new KjtFrontEnd()]);
    private static readonly ScenarioChecker PlainChecker = new();
    private static readonly Lazy<ScenarioLoader> Loader = new(ScenarioLoader.Default);
    private static readonly Lazy<string> CheckDirectory = new(CreateCheckDirectory);

    /// <summary>Every target, by name.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("yaml", "YAML front end and the semantic checker (no files read)", bytes => FrontEnd(YamlReader, "fuzz.yaml", bytes)),
        new("kjt", ".kjt front end and the semantic checker (no files read)", bytes => FrontEnd(KjtReader, "fuzz.kjt", bytes)),
        new("asm", "inline assembler: the input is assembly text (64-bit; 'bits 32' switches)", Asm),
        new("hex", "hex image reader: the input is hex text", Hex),
        new("elf", "ELF image readers (the scenario's and kjtest exec's), then a short run of a fitting image", Elf),
        new("check", "the kjtest check pipeline: the input as a .yaml and a .kjt file, read, checked and planned", Check),
        new("cpu64", "the CPU: the input as a flat x86-64 binary run from a fresh machine, as kjtest exec does", bytes => Cpu(bytes, 64)),
        new("cpu32", "the CPU: the input as a flat i386 binary run from a fresh machine, as kjtest exec --arch i386 does", bytes => Cpu(bytes, 32)),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static void FrontEnd(ScenarioReader reader, string name, byte[] bytes)
    {
        var read = reader.Read(name, bytes);
        Contract.Parsed(read);
        Contract.Parsed(PlainChecker.Check(read));
    }

    private static void Asm(byte[] bytes)
    {
        var text = Utf8.GetString(bytes);
        var source = new SourceText("fuzz.asm", text);
        var result = Assembler.Assemble(new AsmSource(text, source.SpanAt), FlatLoadAddress, 64);
        Contract.Diagnostics(result.Diagnostics, source, failed: false);
    }

    private static void Hex(byte[] bytes)
    {
        var text = Utf8.GetString(bytes);
        var source = new SourceText("fuzz.hex", text);
        var result = HexBytes.Parse(text, source.SpanAt);
        Contract.Diagnostics(result.Diagnostics, source, failed: false);
    }

    private static void Elf(byte[] bytes)
    {
        var read = ElfImage.Parse(bytes, "fuzz.elf", SourceSpan.StartOf("fuzz.elf"));
        Contract.Diagnostics(read.Diagnostics, null, failed: !read.Succeeded);
        var image = ElfImageReader.TryRead(bytes, out var error);
        if (image is null)
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new ContractViolationException("an ELF image failed without a reason");
            }

            return;
        }

        if (image.MisfitIn(CpuMemory) is null)
        {
            Run(image);
        }
    }

    private static void Check(byte[] bytes)
    {
        var directory = CheckDirectory.Value;
        var yaml = Path.Combine(directory, "fuzz.yaml");
        var kjt = Path.Combine(directory, "fuzz.kjt");
        File.WriteAllBytes(yaml, bytes);
        File.WriteAllBytes(kjt, bytes);

        // What kjtest check does: load (read, check, plan) the files, print the diagnostics and the summary.
        var loaded = Loader.Value.Load([yaml, kjt], strict: false, jobs: 1);
        using var output = new StringWriter();
        loaded.PrintDiagnostics(output, colour: false, maxPerFile: 20);
        foreach (var file in loaded.Files)
        {
            Contract.Parsed(file);
        }

        if (loaded.Files.Count != 2)
        {
            throw new ContractViolationException($"two files were checked as {loaded.Files.Count}");
        }
    }

    private static void Cpu(byte[] bytes, int bitness)
    {
        var image = GuestImage.Flat(bitness, bytes, FlatLoadAddress, FlatLoadAddress);
        if (image.MisfitIn(CpuMemory) is { } misfit)
        {
            throw new ContractViolationException($"a small flat image does not fit: {misfit}");
        }

        Run(image);
    }

    private static void Run(GuestImage image)
    {
        var result = ProgramRunner.Run(image, CpuMemory, CpuBudget, Stream.Null, Stream.Null);
        var outcome = result.Outcome;
        if (outcome.Instructions > CpuBudget)
        {
            throw new ContractViolationException($"{outcome.Instructions} instructions retired past a budget of {CpuBudget}");
        }

        if (!Enum.IsDefined(outcome.Reason))
        {
            throw new ContractViolationException($"no outcome: {outcome}");
        }

        _ = outcome.ToString();
    }

    private static string CreateCheckDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kjtest-fuzz-check-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
