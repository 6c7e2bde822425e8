namespace KjTest.Runtime.Machine.Memory;

/// <summary>One 4 KiB physical page whose contents differ between two snapshots.</summary>
/// <param name="Address">Physical address of the page.</param>
/// <param name="Ranges">Differing byte ranges inside the page: offset and length, ascending.</param>
public sealed record PageDiff(ulong Address, IReadOnlyList<(int Offset, int Length)> Ranges);
