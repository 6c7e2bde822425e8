using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>
/// Test double of guest RAM: 4 KiB pages kept in a dictionary when first written; never-written RAM reads as zeros;
/// addresses at or above <see cref="Size"/> read as all ones and ignore writes, as unbacked physical memory does.
/// </summary>
internal sealed class SparsePhysicalMemory(ulong size) : IPhysicalMemory
{
    private const ulong PageSize = 4096;
    private readonly Dictionary<ulong, byte[]> _pages = [];

    public ulong Size { get; } = size;

    public int TouchedPages => _pages.Count;

    public void Read(ulong address, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var a = address + (ulong)i;
            destination[i] = a >= Size ? (byte)0xFF : _pages.TryGetValue(a & ~(PageSize - 1), out var page) ? page[a & (PageSize - 1)] : (byte)0;
        }
    }

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var a = address + (ulong)i;
            if (a >= Size)
            {
                continue;
            }

            var key = a & ~(PageSize - 1);
            if (!_pages.TryGetValue(key, out var page))
            {
                page = new byte[PageSize];
                _pages[key] = page;
            }

            page[a & (PageSize - 1)] = source[i];
        }
    }

    public byte[] ReadBytes(ulong address, int count)
    {
        var bytes = new byte[count];
        Read(address, bytes);
        return bytes;
    }

    public ulong ReadUInt64(ulong address) => BitConverter.ToUInt64(ReadBytes(address, 8));

    public uint ReadUInt32(ulong address) => BitConverter.ToUInt32(ReadBytes(address, 4));
}
