using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>A user segment array whose memory becomes unreadable after <paramref name="ReadableBytes"/> bytes.</summary>
public sealed record FaultingSegmentSource(bool IsCompat, KexecSegment[] Segments, ulong ReadableBytes) : IKexecSegmentSource
{
    public KexecSegmentCopy Copy(ulong count)
    {
        var descriptor = IsCompat ? 16UL : 32UL;
        var wanted = count * descriptor;
        return wanted <= ReadableBytes
            ? new KexecSegmentCopy([.. Segments.Take((int)count)], 0)
            : new KexecSegmentCopy([], wanted - ReadableBytes);
    }
}
