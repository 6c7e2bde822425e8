using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>One <c>struct kexec_segment</c> ready to pass to <c>kexec_load</c>.</summary>
/// <param name="Span">Where the segment (or the ELF file it came from) was written.</param>
/// <param name="Mem">Physical destination (<c>mem</c>).</param>
/// <param name="MemSize">Bytes reserved (<c>memsz</c>): as written, else the content size rounded up to 4 KiB.</param>
/// <param name="Bytes">The buffer (<c>buf</c>, <c>bufsz</c>); it may be larger than <paramref name="MemSize"/>, which <c>kexec_load</c> refuses.</param>
public sealed record ResolvedSegment(SourceSpan Span, ulong Mem, ulong MemSize, byte[] Bytes);
