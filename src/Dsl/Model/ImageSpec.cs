using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A named kexec image: its entry point and its segments, or a whole ELF file whose PT_LOAD headers
/// become the segments and whose <c>e_entry</c> is the entry unless one is written.
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Name">The image's name, used by steps.</param>
/// <param name="Entry">Entry point: a number, or a label of the image's assembly; null means the first segment's address (or e_entry).</param>
/// <param name="Segments">The segments, in order.</param>
/// <param name="Elf">A whole ELF file, or null.</param>
public sealed record ImageSpec(
    SourceSpan Span,
    Located<string> Name,
    Located<SymbolOrNumber>? Entry,
    IReadOnlyList<SegmentSpec> Segments,
    Located<string>? Elf);
