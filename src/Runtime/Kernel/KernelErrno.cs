namespace KjTest.Runtime.Kernel;

/// <summary>The Linux x86 errno numbers the kernel model returns (asm-generic/errno-base.h, errno.h).</summary>
public static class KernelErrno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>Interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>Try again.</summary>
    public const int EAGAIN = 11;

    /// <summary>Out of memory.</summary>
    public const int ENOMEM = 12;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Bad address.</summary>
    public const int EFAULT = 14;

    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>No such device.</summary>
    public const int ENODEV = 19;

    /// <summary>Resource deadlock would occur.</summary>
    public const int EDEADLK = 35;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Cannot assign requested address.</summary>
    public const int EADDRNOTAVAIL = 99;

    private static readonly Dictionary<int, string> Names = new()
    {
        [EPERM] = nameof(EPERM), [EINTR] = nameof(EINTR), [EAGAIN] = nameof(EAGAIN), [ENOMEM] = nameof(ENOMEM),
        [EACCES] = nameof(EACCES), [EFAULT] = nameof(EFAULT), [EBUSY] = nameof(EBUSY), [ENODEV] = nameof(ENODEV),
        [EINVAL] = nameof(EINVAL), [EDEADLK] = nameof(EDEADLK), [EOPNOTSUPP] = nameof(EOPNOTSUPP), [EADDRNOTAVAIL] = nameof(EADDRNOTAVAIL),
    };

    /// <summary>The name of a positive errno number ("EINVAL"), "0" for success, or the decimal number when unnamed.</summary>
    public static string NameOf(int errno) =>
        Names.TryGetValue(errno, out var name) ? name : errno.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Renders a system call return value: 0, a negative errno as "-EINVAL", or a positive value as its
    /// decimal text (the compat <c>kexec_load</c> residue quirk, reference 2.3 row 7).
    /// </summary>
    public static string DescribeReturn(long value) => value switch
    {
        0 => "0",
        < 0 when value >= int.MinValue => "-" + NameOf((int)-value),
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
