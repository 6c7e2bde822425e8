namespace KjTest.Runtime.Kernel;

/// <summary>The outcome of copying the segment array from user space.</summary>
/// <param name="Segments">The descriptors copied (complete only when <paramref name="Residue"/> is 0).</param>
/// <param name="Residue">Bytes <c>copy_from_user</c> could not copy (0 on success).</param>
public sealed record KexecSegmentCopy(IReadOnlyList<KexecSegment> Segments, ulong Residue)
{
    /// <summary>Whether the copy faulted.</summary>
    public bool Faulted => Residue != 0;
}
