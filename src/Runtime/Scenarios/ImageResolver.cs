using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios;

/// <summary>Turns a scenario image into kexec segments and an entry point with Dsl.Images; errors become messages.</summary>
public static class ImageResolver
{
    /// <summary>The segments and entry of <paramref name="image"/>, or an error text.</summary>
    public static (IReadOnlyList<KexecSegment>? Segments, ulong Entry, string? Error) Resolve(ImageSpec image, int bitness, string baseDirectory) =>
        Resolve(image, bitness, baseDirectory, new Dictionary<string, ulong>(StringComparer.Ordinal));

    /// <summary>As <see cref="Resolve(ImageSpec, int, string)"/>, collecting the assembly labels into <paramref name="labels"/>.</summary>
    public static (IReadOnlyList<KexecSegment>? Segments, ulong Entry, string? Error) Resolve(ImageSpec image, int bitness, string baseDirectory, Dictionary<string, ulong> labels)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        var segments = new List<KexecSegment>();
        ulong? elfEntry = null;
        if (image.Elf is { } elf)
        {
            var read = ElfImage.Read(elf.Value, baseDirectory, elf.Span);
            if (!read.Succeeded)
            {
                return (null, 0, First(read.Diagnostics));
            }

            elfEntry = read.Entry;
            segments.AddRange(read.Segments.Select(s => new KexecSegment(s.Data, s.PhysicalAddress, PageRound(Math.Max(s.MemorySize, (ulong)s.Data.Length)))));
        }

        foreach (var segment in image.Segments)
        {
            var mem = segment.Mem.Value;
            var (bytes, error) = Content(segment.Content, mem, bitness, baseDirectory, labels);
            if (error is not null)
            {
                return (null, 0, error);
            }

            var data = bytes ?? [];
            var memsz = segment.MemSize?.Value ?? PageRound((ulong)data.Length);
            segments.Add(new KexecSegment(data, mem, memsz));
        }

        ulong entry;
        if (image.Entry is { } e)
        {
            if (e.Value.Symbol is { } symbol)
            {
                if (!labels.TryGetValue(symbol, out entry))
                {
                    return (null, 0, $"image '{image.Name.Value}': entry label '{symbol}' is not defined in its assembly");
                }
            }
            else
            {
                entry = e.Value.Number;
            }
        }
        else
        {
            entry = elfEntry ?? (segments.Count > 0 ? segments[0].Mem : 0);
        }

        return (segments, entry, null);
    }

    /// <summary>The bytes of one content item placed at <paramref name="origin"/>.</summary>
    public static (byte[]? Bytes, string? Error) Content(Content? content, ulong origin, int bitness, string baseDirectory, IDictionary<string, ulong>? labels = null)
    {
        switch (content)
        {
            case null:
                return ([], null);
            case AsmContent asm:
                var result = Assembler.Assemble(new AsmSource(asm.Source.Text, asm.Source.Map), origin, bitness);
                if (!result.Succeeded)
                {
                    return (null, First(result.Diagnostics));
                }

                if (labels is not null)
                {
                    foreach (var (name, value) in result.Labels)
                    {
                        labels[name] = value;
                    }
                }

                return (result.Bytes, null);
            case Dsl.Model.HexContent hex:
                var parsed = Dsl.Images.HexContent.Parse(hex.Source.Text, hex.Source.Map);
                return parsed.Succeeded ? (parsed.Bytes, null) : (null, First(parsed.Diagnostics));
            case FillContent fill:
                var filled = new byte[fill.Size.Value];
                Array.Fill(filled, (byte)fill.Value.Value);
                return (filled, null);
            case FileContent file:
                var raw = RawFile.Read(file.Path.Value, baseDirectory, file.Path.Span);
                return raw.Succeeded ? (raw.Bytes, null) : (null, First(raw.Diagnostics));
            case ElfSegmentContent elfSegment:
                var seg = ElfImage.ReadSegment(elfSegment.Path.Value, baseDirectory, elfSegment.Path.Span, (int)elfSegment.Index.Value);
                return seg.Succeeded ? (seg.Segment!.Data, null) : (null, First(seg.Diagnostics));
            default:
                return (null, $"content {content.GetType().Name} is not supported");
        }
    }

    private static ulong PageRound(ulong bytes) => (bytes + KernelConstants.PageOffsetMask) & ~KernelConstants.PageOffsetMask;

    private static string First(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.IsError) is { } d ? $"{d.Id}: {d.Message}" : "image content could not be read";
}
