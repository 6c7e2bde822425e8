namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// Console bytes kept in one compact buffer up to a cap: past the cap further bytes are counted, not kept, so a guest
/// printing in a loop costs at most the cap, and about one byte of host memory per byte kept.
/// </summary>
public sealed class ConsoleCapture
{
    /// <summary>Bytes kept per console when nothing else is said: 4 MiB.</summary>
    public const long DefaultCap = 4L << 20;

    private byte[] _bytes = [];
    private int _length;

    /// <summary>Creates a capture that keeps at most <paramref name="cap"/> bytes.</summary>
    public ConsoleCapture(long cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        Cap = (int)Math.Min(cap, Array.MaxLength);
    }

    /// <summary>The most bytes kept.</summary>
    public int Cap { get; }

    /// <summary>Every byte offered since the last <see cref="Clear"/>, kept or not.</summary>
    public long Written { get; private set; }

    /// <summary>Bytes offered past the cap and dropped.</summary>
    public long Dropped => Written - _length;

    /// <summary>True when bytes were dropped.</summary>
    public bool Truncated => Written > _length;

    /// <summary>The bytes kept, in order.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>The bytes kept as Latin-1 text: one character per byte, so nothing is lost.</summary>
    public string Text => string.Create(_length, _bytes, static (chars, bytes) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }
    });

    /// <summary>Keeps <paramref name="value"/> when below the cap, and counts it.</summary>
    public void Add(byte value)
    {
        Written++;
        if (_length >= Cap)
        {
            return;
        }

        if (_length == _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Cap, Math.Max(256L, (long)_bytes.Length * 2)));
        }

        _bytes[_length++] = value;
    }

    /// <summary>Keeps what fits of <paramref name="values"/> below the cap, and counts all of them.</summary>
    public void Add(ReadOnlySpan<byte> values)
    {
        foreach (var b in values)
        {
            Add(b);
        }
    }

    /// <summary>Forgets every byte and the count.</summary>
    public void Clear()
    {
        _length = 0;
        Written = 0;
        _bytes = [];
    }
}
