using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// One <c>struct kexec_segment</c>: a physical destination, a reserved size and the bytes to copy.
/// Values are taken as written, even when <c>kexec_load</c> will refuse them: a scenario may load a
/// bad segment list on purpose.
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Mem">Physical destination (<c>mem</c>).</param>
/// <param name="MemSize">Bytes reserved (<c>memsz</c>); null means the content size rounded up to a page.</param>
/// <param name="Content">The bytes (<c>buf</c>, <c>bufsz</c>); null for an empty buffer.</param>
public sealed record SegmentSpec(SourceSpan Span, Located<ulong> Mem, Located<ulong>? MemSize, Content? Content);
