namespace KjTest.Runtime.Kernel;

/// <summary>
/// A native caller's segment array held on the host. Descriptors past its end count as unreadable user memory
/// (32 bytes each, the x86-64 struct size), so asking for more than it holds faults.
/// </summary>
/// <param name="Segments">The descriptors.</param>
public sealed record KexecSegmentList(IReadOnlyList<KexecSegment> Segments) : IKexecSegmentSource
{
    /// <inheritdoc />
    public bool IsCompat => false;

    /// <inheritdoc />
    public KexecSegmentCopy Copy(ulong count)
    {
        var available = (ulong)Segments.Count;
        return count <= available
            ? new KexecSegmentCopy([.. Segments.Take((int)count)], 0)
            : new KexecSegmentCopy(Segments, (count - available) * 32);
    }
}
