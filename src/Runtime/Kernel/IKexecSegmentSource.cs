namespace KjTest.Runtime.Kernel;

/// <summary>
/// The user-space <c>struct kexec_segment</c> array of a <c>kexec_load</c> call. The kernel copies it at the point
/// its era does (reference 2.3 row 7), so a bad array is only noticed after the earlier checks.
/// </summary>
public interface IKexecSegmentSource
{
    /// <summary>Whether the caller is a 32-bit task on a 64-bit kernel (compat_sys_kexec_load).</summary>
    bool IsCompat { get; }

    /// <summary>Copies the first <paramref name="count"/> descriptors (count is at most 16 when the kernel calls this).</summary>
    KexecSegmentCopy Copy(ulong count);
}
