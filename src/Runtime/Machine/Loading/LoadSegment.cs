namespace KjTest.Runtime.Machine.Loading;

/// <summary>One PT_LOAD segment: bytes from the file placed at a physical address, zero-filled up to its memory size.</summary>
/// <param name="Address">Load address (the segment's physical address when set, else its virtual address).</param>
/// <param name="Bytes">File contents.</param>
/// <param name="MemorySize">Size in memory (at least the file size).</param>
public sealed record LoadSegment(ulong Address, byte[] Bytes, ulong MemorySize);
