namespace KjTest.Abi;

/// <summary>
/// Linux x86 errno names and numbers (asm-generic/errno-base.h and errno.h), the word <c>ok</c> for 0, and how a
/// system call's return value is rendered: the one table both the scenario language and the kernel model read.
/// </summary>
public static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>Interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>I/O error.</summary>
    public const int EIO = 5;

    /// <summary>Bad file number.</summary>
    public const int EBADF = 9;

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

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Resource deadlock would occur.</summary>
    public const int EDEADLK = 35;

    /// <summary>Function not implemented.</summary>
    public const int ENOSYS = 38;

    /// <summary>Operation not supported.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>Cannot assign requested address.</summary>
    public const int EADDRNOTAVAIL = 99;

    /// <summary>Every errno name KjTest accepts, with its number.</summary>
    public static IReadOnlyDictionary<string, int> Names { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["EPERM"] = 1, ["ENOENT"] = 2, ["ESRCH"] = 3, ["EINTR"] = 4, ["EIO"] = 5, ["ENXIO"] = 6,
        ["E2BIG"] = 7, ["ENOEXEC"] = 8, ["EBADF"] = 9, ["ECHILD"] = 10, ["EAGAIN"] = 11, ["ENOMEM"] = 12,
        ["EACCES"] = 13, ["EFAULT"] = 14, ["ENOTBLK"] = 15, ["EBUSY"] = 16, ["EEXIST"] = 17, ["EXDEV"] = 18,
        ["ENODEV"] = 19, ["ENOTDIR"] = 20, ["EISDIR"] = 21, ["EINVAL"] = 22, ["ENFILE"] = 23, ["EMFILE"] = 24,
        ["ENOTTY"] = 25, ["ETXTBSY"] = 26, ["EFBIG"] = 27, ["ENOSPC"] = 28, ["ESPIPE"] = 29, ["EROFS"] = 30,
        ["EMLINK"] = 31, ["EPIPE"] = 32, ["EDOM"] = 33, ["ERANGE"] = 34, ["EDEADLK"] = 35, ["ENAMETOOLONG"] = 36,
        ["ENOLCK"] = 37, ["ENOSYS"] = 38, ["ENOTEMPTY"] = 39, ["ELOOP"] = 40, ["ENOMSG"] = 42, ["EIDRM"] = 43,
        ["ENODATA"] = 61, ["ETIME"] = 62, ["EOVERFLOW"] = 75, ["EILSEQ"] = 84, ["EOPNOTSUPP"] = 95,
        ["EADDRINUSE"] = 98, ["EADDRNOTAVAIL"] = 99, ["ETIMEDOUT"] = 110, ["EALREADY"] = 114,
        ["EINPROGRESS"] = 115, ["ECANCELED"] = 125, ["EKEYREJECTED"] = 129, ["EHWPOISON"] = 133,
    };

    /// <summary>The word for success.</summary>
    public const string Ok = "ok";

    /// <summary>Looks up an errno name (case-insensitive) or <c>ok</c> (0).</summary>
    public static bool TryGet(string name, out int value)
    {
        if (string.Equals(name, Ok, StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            return true;
        }

        return Names.TryGetValue(name.ToUpperInvariant(), out value);
    }

    /// <summary>The canonical spelling of a result word: <c>ok</c> in lower case, an errno name in upper case; null when it is neither.</summary>
    public static string? Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, Ok, StringComparison.OrdinalIgnoreCase))
        {
            return Ok;
        }

        var upper = text.ToUpperInvariant();
        return Names.ContainsKey(upper) ? upper : null;
    }

    /// <summary>The name of an errno number, or its decimal text when unnamed.</summary>
    public static string NameOf(int value)
    {
        if (value == 0)
        {
            return Ok;
        }

        foreach (var (name, number) in Names)
        {
            if (number == value)
            {
                return name;
            }
        }

        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Renders a system call return value: 0, a negative errno as "-EINVAL", or a positive value as its decimal text
    /// (the compat <c>kexec_load</c> residue quirk, reference 2.3 row 7).
    /// </summary>
    public static string DescribeReturn(long value) => value switch
    {
        0 => "0",
        < 0 and >= int.MinValue => "-" + NameOf((int)-value),
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
