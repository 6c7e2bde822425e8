using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Guest;

/// <summary>
/// The segment array of a guest's <c>kexec_load</c> call, read from guest memory when the kernel copies it. Addresses
/// are physical (the runtime translates the user's virtual addresses first). Unreadable user memory is what
/// <paramref name="isReadable"/> refuses, checked a page at a time; by default every address below the memory size
/// is readable. A descriptor that cannot be read fully is a fault with the byte count not copied as residue, as
/// <c>copy_from_user</c> reports it (the compat syscall returns that count, reference 2.3 row 7 and B21). A segment's
/// buffer is read up to the first unreadable byte (and at most memsz bytes, since a longer one fails row 16 anyway),
/// so that loading faults there (row 25).
/// </summary>
/// <param name="memory">Guest physical memory.</param>
/// <param name="address">Physical address of the first descriptor.</param>
/// <param name="abi">The descriptor layout.</param>
/// <param name="isReadable">Whether user space may read [address, address + length); null for "below the memory size".</param>
public sealed class GuestKexecSegmentSource(IPhysicalMemory memory, ulong address, KexecSegmentAbi abi, Func<ulong, ulong, bool>? isReadable = null)
    : IKexecSegmentSource
{
    /// <summary>The largest buffer the model materialises; longer readable buffers count as faulting past this point.</summary>
    public const ulong MaxBufferBytes = 1UL << 30;

    private readonly Func<ulong, ulong, bool> _isReadable = isReadable ?? ((start, length) => start < memory.Size && memory.Size - start >= length);

    /// <inheritdoc />
    public bool IsCompat => abi == KexecSegmentAbi.Compat32;

    /// <summary>Bytes per descriptor: 32 for <see cref="KexecSegmentAbi.Native64"/>, 16 otherwise.</summary>
    public int DescriptorSize => abi == KexecSegmentAbi.Native64 ? 32 : 16;

    /// <inheritdoc />
    public KexecSegmentCopy Copy(ulong count)
    {
        var size = (ulong)DescriptorSize;
        var wordSize = DescriptorSize / 4;
        var segments = new List<KexecSegment>();
        var raw = new byte[DescriptorSize];
        for (ulong i = 0; i < count; i++)
        {
            var at = address + (i * size);
            var readable = ReadablePrefix(at, size);
            if (readable < size)
            {
                // memdup_array_user copies the whole array at once; the compat loop stops at the first bad descriptor.
                var residue = abi == KexecSegmentAbi.Compat32 ? size - readable : ((count - i) * size) - readable;
                return new KexecSegmentCopy(segments, residue);
            }

            memory.Read(at, raw);
            ulong Field(int index) => wordSize == 8
                ? BitConverter.ToUInt64(raw, index * 8)
                : BitConverter.ToUInt32(raw, index * 4);
            segments.Add(ReadSegment(Field(0), Field(1), Field(2), Field(3)));
        }

        return new KexecSegmentCopy(segments, 0);
    }

    private KexecSegment ReadSegment(ulong buf, ulong bufsz, ulong mem, ulong memsz)
    {
        var wanted = Math.Min(Math.Min(bufsz, memsz), MaxBufferBytes);
        var length = ReadablePrefix(buf, wanted);
        var bytes = new byte[length];
        if (length != 0)
        {
            memory.Read(buf, bytes);
        }

        return new KexecSegment(bytes, mem, memsz) { BufSize = bufsz };
    }

    private ulong ReadablePrefix(ulong start, ulong length)
    {
        ulong done = 0;
        while (done < length)
        {
            var at = start + done;
            if (at < start)
            {
                return done;
            }

            var chunk = Math.Min(length - done, KernelConstants.PageSize - (at & KernelConstants.PageOffsetMask));
            if (!_isReadable(at, chunk))
            {
                return done;
            }

            done += chunk;
        }

        return done;
    }
}
