namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// One walked leaf mapping (linear and physical base, offset mask, and the TLB attributes of the walk) reused by the
/// pages of a bulk string step; a zero mask means none.
/// </summary>
internal readonly record struct LeafRun(ulong Linear, ulong Physical, ulong Mask, bool Writable, bool Global);
