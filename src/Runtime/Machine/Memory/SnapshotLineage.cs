namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// Ancestry of a snapshot without its page tables: which snapshot the memory descended from and
/// which pages were written in between. Keeping only this lets old snapshots be collected.
/// </summary>
internal sealed class SnapshotLineage
{
    public SnapshotLineage(SnapshotLineage? parent, ulong[] pagesWrittenSinceParent)
    {
        Parent = parent;
        PagesWrittenSinceParent = pagesWrittenSinceParent;
    }

    public SnapshotLineage? Parent { get; }

    public ulong[] PagesWrittenSinceParent { get; }
}
