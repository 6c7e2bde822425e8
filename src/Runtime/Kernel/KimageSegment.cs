namespace KjTest.Runtime.Kernel;

/// <summary>A loaded segment's geometry as the kimage records it.</summary>
/// <param name="Mem">Physical destination.</param>
/// <param name="MemSize">Reserved bytes.</param>
/// <param name="BufSize">Bytes copied from user space.</param>
public readonly record struct KimageSegment(ulong Mem, ulong MemSize, ulong BufSize);
