using System.Globalization;

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

    /// <summary>
    /// Why the image cannot be placed in <paramref name="memorySize"/> bytes of RAM (a segment past its end, or whose
    /// end does not fit 64 bits), or null when every segment fits.
    /// </summary>
    public string? MisfitIn(ulong memorySize)
    {
        for (var index = 0; index < Segments.Count; index++)
        {
            var segment = Segments[index];
            var size = Math.Max(segment.MemorySize, (ulong)segment.Bytes.Length);
            if (segment.Address > memorySize || size > memorySize - segment.Address)
            {
                return string.Create(CultureInfo.InvariantCulture, $"segment {index} at 0x{segment.Address:x} of 0x{size:x} bytes does not fit the machine's memory of 0x{memorySize:x} bytes");
            }
        }

        return null;
    }

    /// <summary>
    /// Copies every segment into the machine's RAM and zeroes the rest of its memory size, within RAM: nothing in
    /// the headers (a memory size of 2 GiB or more, an end past 2^64) can make this throw or allocate beyond RAM.
    /// </summary>
    public void LoadInto(X86Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        foreach (var segment in Segments)
        {
            machine.Load(segment.Address, segment.Bytes);
            var start = segment.Address + (ulong)segment.Bytes.Length;
            if (segment.MemorySize > (ulong)segment.Bytes.Length && start >= segment.Address)
            {
                machine.Memory.Zero(start, segment.MemorySize - (ulong)segment.Bytes.Length);
            }
        }
    }
}
