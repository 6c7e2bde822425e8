namespace KjTest.Runtime.Machine.Loading;

/// <summary>An executable ready to place in guest memory.</summary>
/// <param name="Bitness">32 or 64.</param>
/// <param name="Entry">Entry point.</param>
/// <param name="Segments">What to load where.</param>
public sealed record GuestImage(int Bitness, ulong Entry, IReadOnlyList<LoadSegment> Segments)
{
    /// <summary>A flat binary loaded at <paramref name="address"/> and entered at <paramref name="entry"/>.</summary>
    public static GuestImage Flat(int bitness, byte[] bytes, ulong address, ulong entry) =>
        new(bitness, entry, [new LoadSegment(address, bytes, (ulong)bytes.Length)]);

    /// <summary>Copies every segment into the machine's RAM.</summary>
    public void LoadInto(X86Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        foreach (var segment in Segments)
        {
            machine.Load(segment.Address, segment.Bytes);
            if (segment.MemorySize > (ulong)segment.Bytes.Length)
            {
                machine.Load(segment.Address + (ulong)segment.Bytes.Length, new byte[segment.MemorySize - (ulong)segment.Bytes.Length]);
            }
        }
    }
}
