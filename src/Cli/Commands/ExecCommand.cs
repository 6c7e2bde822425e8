using System.ComponentModel;
using System.Globalization;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Loading;
using KjTest.Cli.Terminal;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest exec IMAGE</c>: runs a flat binary or a static ELF executable on the emulated machine.
/// Exit code: the guest's status, 124 when the instruction budget runs out, 125 when the guest crashes, 2 for bad usage.
/// </summary>
public sealed class ExecCommand(CliOutput output) : Command<ExecCommand.Settings>
{
    /// <summary>Options of <c>kjtest exec</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Path of the image to run.</summary>
        [CommandArgument(0, "<IMAGE>")]
        [Description("Flat binary or static ELF executable.")]
        public string Image { get; init; } = "";

        /// <summary>x86_64 or i386.</summary>
        [CommandOption("--arch <ARCH>")]
        [Description("x86_64 (default for flat binaries) or i386; ELF files declare their own.")]
        public string? Arch { get; init; }

        /// <summary>Load address of a flat binary.</summary>
        [CommandOption("--load-address <ADDRESS>")]
        [Description("Physical load address of a flat binary (default 0x100000).")]
        public string? LoadAddress { get; init; }

        /// <summary>Entry point.</summary>
        [CommandOption("--entry <ADDRESS>")]
        [Description("Entry point (default: the ELF entry, or the load address).")]
        public string? Entry { get; init; }

        /// <summary>Instruction budget.</summary>
        [CommandOption("--max-instructions <N>")]
        [Description("Stop with exit code 124 after this many instructions (default 1000000000).")]
        public string? MaxInstructions { get; init; }

        /// <summary>RAM size.</summary>
        [CommandOption("--memory <SIZE>")]
        [Description("RAM size, e.g. 256M or 4G (default 256M).")]
        public string? Memory { get; init; }

        /// <summary>Per-instruction trace on stderr.</summary>
        [CommandOption("--trace")]
        [Description("Trace every instruction on stderr.")]
        public bool Trace { get; init; }

        /// <summary>Statistics on stderr.</summary>
        [CommandOption("--stats")]
        [Description("Print instructions retired, time and MIPS on stderr.")]
        public bool Stats { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!TryParseNumber(settings.LoadAddress, 0x10_0000, out var loadAddress)
            || !TryParseNumber(settings.MaxInstructions, 1_000_000_000, out var maxInstructions)
            || !TryParseSize(settings.Memory, 256UL << 20, out var memory))
        {
            return Usage("invalid number in --load-address, --max-instructions or --memory");
        }

        ulong? entry = null;
        if (settings.Entry is not null)
        {
            if (!TryParseNumber(settings.Entry, 0, out var e))
            {
                return Usage($"invalid --entry '{settings.Entry}'");
            }

            entry = e;
        }

        int? bitness = settings.Arch switch
        {
            null => null,
            "x86_64" or "x86-64" or "amd64" => 64,
            "i386" or "i686" or "x86" => 32,
            _ => 0,
        };
        if (bitness == 0)
        {
            return Usage($"unknown --arch '{settings.Arch}' (expected x86_64 or i386)");
        }

        if (memory < (1UL << 20) || memory > (1UL << 46))
        {
            return Usage("--memory must be between 1M and 64T");
        }

        // The image must fit in the machine's memory, so no larger file is read.
        var read = BoundedFile.Read(settings.Image, (long)Math.Min(memory, ImageResolver.MaximumContentSize), "the machine's memory");
        if (read.Bytes is not { } bytes)
        {
            return Usage($"cannot read '{settings.Image}': {read.Problem}");
        }

        GuestImage image;
        if (ElfImageReader.IsElf(bytes))
        {
            var elf = ElfImageReader.TryRead(bytes, out var error);
            if (elf is null)
            {
                return Usage($"{settings.Image}: {error}");
            }

            image = elf with { Entry = entry ?? elf.Entry };
        }
        else
        {
            image = GuestImage.Flat(bitness ?? 64, bytes, loadAddress, entry ?? loadAddress);
        }

        if (image.MisfitIn(memory) is { } misfit)
        {
            return Usage($"{settings.Image}: {misfit}");
        }

        // The guest's bytes go out as they are, through a buffer flushed once at the end (and before any message of ours).
        output.Out.Flush();
        output.Error.Flush();
        // Not disposed: disposing would close the process's standard streams under the buffers.
        var stdout = GuestStream(output.OutBytes, output.Out);
        var stderr = GuestStream(output.ErrorBytes, output.Error);
        ProgramRunResult result;
        try
        {
            result = ProgramRunner.Run(image, memory, maxInstructions, stdout, stderr, settings.Trace ? output.Error : null);
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }

        var outcome = result.Outcome;
        if (result.ExitCode == ProgramRunResult.CrashExitCode)
        {
            output.Error.WriteLine($"kjtest: guest crashed: {outcome.Reason} at rip=0x{outcome.Rip:x}");
            foreach (var fault in outcome.Faults)
            {
                output.Error.WriteLine($"  {fault}");
            }
        }
        else if (result.ExitCode == ProgramRunResult.TimeoutExitCode && outcome.Reason != StopReason.GuestExit)
        {
            output.Error.WriteLine($"kjtest: {outcome.Reason} after {outcome.Instructions} instructions at rip=0x{outcome.Rip:x}");
        }

        if (settings.Stats)
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"instructions: {outcome.Instructions}, time: {result.Elapsed.TotalSeconds:F3} s, MIPS: {result.Mips:F1}, stop: {outcome.Reason}"));
        }

        return result.ExitCode;
    }

    private static Stream GuestStream(Stream? bytes, TextWriter text) =>
        bytes is null ? new TextWriterStream(text) : new BufferedStream(bytes, 1 << 16);

    private int Usage(string message)
    {
        output.Error.WriteLine($"kjtest exec: {message}");
        return ExitCodes.Usage;
    }

    private static bool TryParseNumber(string? text, ulong fallback, out ulong value)
    {
        value = fallback;
        if (text is null)
        {
            return true;
        }

        text = text.Replace("_", "", StringComparison.Ordinal);
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseSize(string? text, ulong fallback, out ulong value)
    {
        value = fallback;
        if (text is null)
        {
            return true;
        }

        var shift = char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (!TryParseNumber(shift == 0 ? text : text[..^1], 0, out var number) || number > (ulong.MaxValue >> shift))
        {
            return false;
        }

        value = number << shift;
        return true;
    }
}
