using System.Collections.Concurrent;
using System.Collections.Frozen;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Images;

/// <summary>
/// The one place that turns a scenario's images and content into bytes: assembly (assembled at its
/// address in the scenario's bitness), hex, raw files, fills and ELF program headers; and an image
/// into its <c>kexec_load</c> segments and entry point. The checker and the runtime both use it, so
/// what <c>kjtest check</c> accepts is exactly what a run loads.
/// </summary>
/// <remarks>
/// Bad input gives diagnostics, never exceptions. One instance caches file contents, parsed ELF files
/// and assembly results for its lifetime (files are assumed not to change meanwhile); it is safe to
/// use from several threads. Byte arrays it returns may be shared between results: do not modify them.
/// </remarks>
public sealed class ImageResolver
{
    /// <summary>The page size <c>memsz</c> is rounded up to when a segment does not give one.</summary>
    public const ulong PageSize = 4096;

    /// <summary>Largest content built as one buffer (the largest image file read, too).</summary>
    public const long MaximumContentSize = ImageFiles.MaximumSize;

    private static readonly IReadOnlyDictionary<string, ulong> NoLabels = FrozenDictionary<string, ulong>.Empty;

    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ElfReadResult> _elfFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(AsmContent Content, ulong Address, int Bitness), AssemblyResult> _assembled = new();

    /// <summary>The folder a scenario's relative file paths are taken from: the folder of the file it was read from.</summary>
    public static string BaseDirectoryOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var path = scenario.Span.Path;
        if (string.IsNullOrEmpty(path))
        {
            return Directory.GetCurrentDirectory();
        }

        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary>The assembler's bitness for the scenario's architecture: 32 for i386, else 64.</summary>
    public static int BitnessOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.EffectiveArch == Arch.I386 ? 32 : 64;
    }

    /// <summary><paramref name="size"/> rounded up to a multiple of <see cref="PageSize"/> (saturating).</summary>
    public static ulong RoundUpToPage(ulong size) => size > ulong.MaxValue - (PageSize - 1) ? ulong.MaxValue & ~(PageSize - 1) : (size + PageSize - 1) & ~(PageSize - 1);

    /// <summary>
    /// Resolves <paramref name="image"/> of <paramref name="scenario"/>: each written segment's content at
    /// its <c>mem</c>, or a whole ELF file's PT_LOAD headers (at <c>p_paddr</c>, <c>p_memsz</c> rounded up
    /// to a page as kexec-tools does); then the entry point, a label being looked up among the labels of
    /// the image's assembly. Relative file paths are taken from <paramref name="baseDirectory"/>.
    /// </summary>
    public ImageResolution Resolve(Scenario scenario, string baseDirectory, ImageSpec image)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(image);
        var diagnostics = new DiagnosticBag();
        var segments = new List<ResolvedSegment>();
        var labels = new Dictionary<string, ulong>(StringComparer.Ordinal);
        ulong? defaultEntry = null;
        if (image.Elf is { } elfPath)
        {
            var elf = ReadElf(elfPath.Value, baseDirectory, elfPath.Span, ImageLimitOf(scenario), diagnostics);
            if (elf is not null)
            {
                defaultEntry = elf.Entry;
                segments.AddRange(elf.Segments.Select(s => new ResolvedSegment(elfPath.Span, s.PhysicalAddress, RoundUpToPage(s.MemorySize), s.Data)));
            }
        }

        foreach (var segment in image.Segments)
        {
            var content = segment.Content is null
                ? new ContentResolution([], NoLabels, [])
                : ResolveContent(scenario, baseDirectory, segment.Content, segment.Mem.Value);
            diagnostics.AddRange(content.Diagnostics);
            foreach (var (label, address) in content.Labels)
            {
                labels.TryAdd(label, address);
            }

            if (content.Bytes is { } bytes)
            {
                var memSize = segment.MemSize?.Value ?? RoundUpToPage((ulong)bytes.LongLength);
                segments.Add(new ResolvedSegment(segment.Span, segment.Mem.Value, memSize, bytes));
            }
        }

        defaultEntry ??= image.Segments.Count > 0 ? image.Segments[0].Mem.Value : 0;
        var resolved = new ResolvedImage(image.Name.Value, defaultEntry.Value, segments, labels.ToFrozenDictionary(StringComparer.Ordinal));
        if (image.Entry is { } entry)
        {
            resolved = ResolveEntry(resolved, entry, diagnostics) is { } address ? resolved with { Entry = address } : resolved;
        }

        return new ImageResolution(diagnostics.HasErrors ? null : resolved, diagnostics.Items);
    }

    /// <summary>
    /// The address an entry point names for <paramref name="image"/>: a number as is, a label through the
    /// image's assembly labels. An undefined label is reported (with a "did you mean") and gives null.
    /// </summary>
    public static ulong? ResolveEntry(ResolvedImage image, Located<SymbolOrNumber> entry, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (entry.Value.Symbol is not { } label)
        {
            return entry.Value.Number;
        }

        if (image.Labels.TryGetValue(label, out var address))
        {
            return address;
        }

        diagnostics.ReportWithHint(DiagnosticCatalogue.EntryLabelUndefined, entry.Span, Suggestions.DidYouMean(label, image.Labels.Keys), label, image.Name);
        return null;
    }

    /// <summary>
    /// Resolves any content to bytes: assembly assembled at <paramref name="address"/> in the scenario's
    /// bitness (<see cref="BitnessOf"/>), hex text, a raw file, a fill, or one ELF PT_LOAD segment's file
    /// bytes. Relative file paths are taken from <paramref name="baseDirectory"/>.
    /// </summary>
    public ContentResolution ResolveContent(Scenario scenario, string baseDirectory, Content content, ulong address)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(content);
        var diagnostics = new DiagnosticBag();
        switch (content)
        {
            case AsmContent asm:
                var assembled = Assemble(asm, address, BitnessOf(scenario));
                return new ContentResolution(assembled.Succeeded ? assembled.Bytes : null, assembled.Labels, assembled.Diagnostics);
            case Model.HexContent hex:
                var parsed = HexBytes.Parse(hex.Source.Text, hex.Source.Map);
                return new ContentResolution(parsed.Succeeded ? parsed.Bytes : null, NoLabels, parsed.Diagnostics);
            case FileContent file:
                return Bytes(ReadFile(file.Path.Value, baseDirectory, file.Path.Span, ImageLimitOf(scenario), diagnostics), diagnostics);
            case FillContent fill:
                if (fill.Size.Value > (ulong)MaximumContentSize)
                {
                    diagnostics.Report(DiagnosticCatalogue.ContentTooLargeToResolve, fill.Size.Span, fill.Size.Value, MaximumContentSize);
                    return Bytes(null, diagnostics);
                }

                var filled = new byte[fill.Size.Value];
                Array.Fill(filled, (byte)fill.Value.Value);
                return Bytes(filled, diagnostics);
            case ElfSegmentContent segment:
                return Bytes(ReadElfSegment(segment, baseDirectory, ImageLimitOf(scenario), diagnostics), diagnostics);
            default:
                throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "unknown content kind");
        }
    }

    private static ContentResolution Bytes(byte[]? bytes, DiagnosticBag diagnostics) =>
        new(diagnostics.HasErrors ? null : bytes, NoLabels, diagnostics.Items);

    private AssemblyResult Assemble(AsmContent asm, ulong address, int bitness) =>
        _assembled.GetOrAdd((asm, address, bitness), key => Assembler.Assemble(new AsmSource(key.Content.Source.Text, key.Content.Source.Map), key.Address, key.Bitness));

    /// <summary>The largest image file a scenario may read: its RAM (an image cannot be larger), at most <see cref="MaximumContentSize"/>.</summary>
    public static long ImageLimitOf(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return (long)Math.Min((ulong)MaximumContentSize, scenario.Machine.RamSize?.Value ?? Checking.ScenarioCheck.DefaultRamSize);
    }

    private static string LimitName(long limit) => limit == MaximumContentSize ? "the image file limit" : "the machine's RAM";

    private byte[]? ReadFile(string path, string baseDirectory, SourceSpan span, long limit, DiagnosticBag diagnostics)
    {
        var key = Key(path, baseDirectory);
        if (key is not null && _files.TryGetValue(key, out var cached))
        {
            // The cache is shared by scenarios with different RAM sizes.
            return ImageFiles.ReportIfTooLarge(cached, path, span, diagnostics, limit, LimitName(limit)) ? null : cached;
        }

        var bytes = ImageFiles.ReadAll(path, baseDirectory, span, diagnostics, limit, LimitName(limit));
        if (bytes is not null && key is not null)
        {
            _files.TryAdd(key, bytes);
        }

        return bytes;
    }

    private ElfReadResult? ReadElf(string path, string baseDirectory, SourceSpan span, long limit, DiagnosticBag diagnostics)
    {
        var key = Key(path, baseDirectory);
        if (key is not null && _elfFiles.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var bytes = ReadFile(path, baseDirectory, span, limit, diagnostics);
        if (bytes is null)
        {
            return null;
        }

        var elf = ElfImage.Parse(bytes, path, span);
        diagnostics.AddRange(elf.Diagnostics);
        if (!elf.Succeeded)
        {
            return null;
        }

        // Only a clean parse is cached: its diagnostics would carry the first caller's span.
        if (key is not null && elf.Diagnostics.Count == 0)
        {
            _elfFiles.TryAdd(key, elf);
        }

        return elf;
    }

    private byte[]? ReadElfSegment(ElfSegmentContent segment, string baseDirectory, long limit, DiagnosticBag diagnostics)
    {
        var elf = ReadElf(segment.Path.Value, baseDirectory, segment.Path.Span, limit, diagnostics);
        if (elf is null)
        {
            return null;
        }

        if (segment.Index.Value >= (ulong)elf.Segments.Count)
        {
            diagnostics.Report(DiagnosticCatalogue.ElfSegmentIndexOutOfRange, segment.Index.Span, segment.Path.Value, elf.Segments.Count, segment.Index.Value);
            return null;
        }

        return elf.Segments[(int)segment.Index.Value].Data;
    }

    private static string? Key(string path, string baseDirectory)
    {
        try
        {
            return ImageFiles.Resolve(path, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}
