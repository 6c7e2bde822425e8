using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>One entry of the machine's physical memory map.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Range">The addresses covered.</param>
/// <param name="Kind">RAM or reserved.</param>
public sealed record MemoryRegion(SourceSpan Span, MemoryRange Range, Located<MemoryRegionKind> Kind);
