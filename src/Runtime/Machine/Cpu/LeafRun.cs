namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// One walked leaf mapping (linear and physical base, offset mask, the privilege it was walked for and the TLB
/// attributes of the walk), kept for bulk string steps until the TLB is flushed, as a TLB keeps one entry for a
/// large page; a zero mask means none.
/// </summary>
internal readonly record struct LeafRun(ulong Linear, ulong Physical, ulong Mask, bool User, bool Writable, bool WritePermitted, bool Global);
