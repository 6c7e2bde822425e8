namespace KjTest.Runtime.Kernel;

/// <summary>
/// One <c>struct kexec_segment</c> as the kernel sees it after copying the array from user space:
/// the user buffer's bytes, the physical destination and the reserved size.
/// </summary>
/// <param name="Buffer">The readable bytes of the user buffer; bufsz is their count unless <see cref="BufSize"/> says more.</param>
/// <param name="Mem">Physical destination address.</param>
/// <param name="MemSize">Bytes reserved at <paramref name="Mem"/>; the tail beyond bufsz is zero-filled.</param>
public sealed record KexecSegment(byte[] Buffer, ulong Mem, ulong MemSize)
{
    /// <summary>
    /// bufsz, the byte count user space asked to copy; by default <c>Buffer.Length</c>. When larger, the bytes past
    /// <c>Buffer.Length</c> are unreadable user memory and <c>copy_from_user</c> faults there (EFAULT, reference 2.3 row 25).
    /// </summary>
    public ulong BufSize { get; init; } = (ulong)Buffer.LongLength;
}
