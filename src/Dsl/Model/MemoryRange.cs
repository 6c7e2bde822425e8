using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A physical address range [Start, Start + Size).</summary>
/// <param name="Span">Where the range was written.</param>
/// <param name="Start">First byte.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record MemoryRange(SourceSpan Span, Located<ulong> Start, Located<ulong> Size)
{
    /// <summary>One past the last byte (saturating).</summary>
    public ulong End => Start.Value + Size.Value < Start.Value ? ulong.MaxValue : Start.Value + Size.Value;
}
