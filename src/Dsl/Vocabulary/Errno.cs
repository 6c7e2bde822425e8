namespace KjTest.Dsl.Vocabulary;

/// <summary>Linux x86 errno names and numbers (asm-generic/errno-base.h and errno.h), and the word <c>ok</c> for 0.</summary>
public static class Errno
{
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
}
