namespace KjTest.Runtime.Scenarios;

/// <summary>One page of A's RAM whose bytes changed across the jump.</summary>
/// <param name="Address">Physical page address.</param>
/// <param name="Ranges">The differing byte ranges inside the page (offset, length).</param>
/// <param name="FirstBefore">The first differing bytes (up to 16) before the jump.</param>
/// <param name="FirstAfter">The same bytes after the jump.</param>
public sealed record MemoryPageGap(ulong Address, IReadOnlyList<(int Offset, int Length)> Ranges, byte[] FirstBefore, byte[] FirstAfter);
