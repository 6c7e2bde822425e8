using KjTest.Abi.Elf;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>One PT_LOAD segment picked by index, or the diagnostics saying why there is none.</summary>
/// <param name="Segment">The segment; null on error.</param>
/// <param name="Entry">The file's e_entry (0 on error).</param>
/// <param name="Diagnostics">Problems found, in order.</param>
public sealed record ElfSegmentResult(ElfLoadSegment? Segment, ulong Entry, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the segment was read without errors.</summary>
    public bool Succeeded => Segment is not null && !Diagnostics.Any(d => d.IsError);
}
