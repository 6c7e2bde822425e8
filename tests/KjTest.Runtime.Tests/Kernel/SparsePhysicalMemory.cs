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
        var done = 0;
        while (done < destination.Length)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & (PageSize - 1));
            var chunk = Math.Min(destination.Length - done, (int)PageSize - offset);
            var target = destination.Slice(done, chunk);
            if (a >= Size)
            {
                target.Fill(0xFF);
            }
            else if (_pages.TryGetValue(a - (ulong)offset, out var page))
            {
                page.AsSpan(offset, chunk).CopyTo(target);
            }
            else
            {
                target.Clear();
            }

            done += chunk;
        }
    }

    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        var done = 0;
        while (done < source.Length)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & (PageSize - 1));
            var chunk = Math.Min(source.Length - done, (int)PageSize - offset);
            if (a < Size)
            {
                var key = a - (ulong)offset;
                if (!_pages.TryGetValue(key, out var page))
                {
                    page = new byte[PageSize];
                    _pages[key] = page;
                }

                source.Slice(done, chunk).CopyTo(page.AsSpan(offset));
            }

            done += chunk;
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
