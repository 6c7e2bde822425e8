using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A's memory at an address holds given bytes, or a range of it has a given hash.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Address">Physical address.</param>
/// <param name="Bytes">The expected bytes, or null when a hash is given.</param>
/// <param name="Size">Bytes hashed when <paramref name="Hash"/> is given.</param>
/// <param name="Hash">Expected hash as <c>sha256:hex</c>, or null.</param>
public sealed record MemoryExpectation(
    SourceSpan Span,
    Located<ulong> Address,
    Content? Bytes,
    Located<ulong>? Size,
    Located<string>? Hash) : Expectation(Span);
