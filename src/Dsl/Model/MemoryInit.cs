using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Initial contents of kernel A's RAM at an address.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Address">Physical address of the first byte.</param>
/// <param name="Content">The bytes.</param>
public sealed record MemoryInit(SourceSpan Span, Located<ulong> Address, Content Content);
