using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Tests.Machine.Devices;

/// <summary>Flat guest RAM for device tests; addresses past the end read as ones and drop writes.</summary>
internal sealed class ArrayPhysicalMemory(int size) : IPhysicalMemory
{
    public byte[] Bytes { get; } = new byte[size];

    public ulong Size => (ulong)Bytes.Length;

    public void Read(ulong address, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var a = address + (ulong)i;
            destination[i] = a < Size ? Bytes[a] : (byte)0xFF;
        }
    }

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var a = address + (ulong)i;
            if (a < Size)
            {
                Bytes[a] = source[i];
            }
        }
    }
}
