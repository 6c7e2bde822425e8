using KjTest.Abi.Elf;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>
/// ELF images of a scenario: the file read relative to the scenario (<see cref="ImageFiles"/>) and parsed by the
/// format reader (<see cref="ElfFile"/>), whose problems become the KJ144x diagnostics at the file's place.
/// </summary>
public static class ElfImage
{
    /// <summary>Reads the ELF file at <paramref name="path"/>, relative to <paramref name="baseDirectory"/>.</summary>
    public static ElfReadResult Read(string path, string baseDirectory, SourceSpan pathSpan)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var diagnostics = new DiagnosticBag();
        var bytes = ImageFiles.ReadAll(path, baseDirectory, pathSpan, diagnostics);
        return bytes is null ? Failed(diagnostics.Items) : Parse(bytes, path, pathSpan);
    }

    /// <summary>
    /// Reads one PT_LOAD segment of the ELF file at <paramref name="path"/>; <paramref name="loadIndex"/>
    /// counts PT_LOAD headers only, from 0, in program-header order.
    /// </summary>
    public static ElfSegmentResult ReadSegment(string path, string baseDirectory, SourceSpan pathSpan, int loadIndex)
    {
        var whole = Read(path, baseDirectory, pathSpan);
        if (!whole.Succeeded)
        {
            return new ElfSegmentResult(null, 0, whole.Diagnostics);
        }

        if (loadIndex < 0 || loadIndex >= whole.Segments.Count)
        {
            var diagnostic = DiagnosticCatalogue.ElfSegmentIndexOutOfRange.Create(pathSpan, path, whole.Segments.Count, loadIndex);
            return new ElfSegmentResult(null, 0, [.. whole.Diagnostics, diagnostic]);
        }

        return new ElfSegmentResult(whole.Segments[loadIndex], whole.Entry, whole.Diagnostics);
    }

    /// <summary>Reads ELF file contents already in memory; <paramref name="name"/> names the file in messages.</summary>
    public static ElfReadResult Parse(byte[] content, string name, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(name);
        var parsed = ElfFile.Parse(content);
        var diagnostics = parsed.Problems.Select(p => Descriptor(p.Kind).Create(span, [name, .. p.Arguments])).ToList();
        return parsed.Succeeded ? new ElfReadResult(parsed.Class, parsed.Machine, parsed.Entry, parsed.Segments, diagnostics) : Failed(diagnostics);
    }

    private static ElfReadResult Failed(IReadOnlyList<Diagnostic> diagnostics) => new(ElfClass.Unknown, 0, 0, [], diagnostics);

    // Each reason the format reader gives has one diagnostic.
    private static DiagnosticDescriptor Descriptor(ElfProblemKind kind) => kind switch
    {
        ElfProblemKind.NotElf => DiagnosticCatalogue.ElfNotElf,
        ElfProblemKind.Truncated => DiagnosticCatalogue.ElfTruncated,
        ElfProblemKind.UnsupportedFormat => DiagnosticCatalogue.ElfUnsupportedFormat,
        ElfProblemKind.UnsupportedMachine => DiagnosticCatalogue.ElfUnsupportedMachine,
        ElfProblemKind.UnsupportedType => DiagnosticCatalogue.ElfUnsupportedType,
        ElfProblemKind.SegmentBeyondFile => DiagnosticCatalogue.ElfSegmentBeyondFile,
        ElfProblemKind.MemorySizeBelowFileSize => DiagnosticCatalogue.ElfMemorySizeBelowFileSize,
        ElfProblemKind.NoLoadSegments => DiagnosticCatalogue.ElfNoLoadSegments,
        _ => DiagnosticCatalogue.ElfMalformed,
    };
}
