namespace KjTest.Runtime.Machine.Memory;

/// <summary>
/// Byte access to guest physical memory, as a bus master (DMA) or the kernel model sees it:
/// no paging, no protection. Unbacked addresses read as all ones and ignore writes, as hardware does.
/// </summary>
public interface IPhysicalMemory
{
    /// <summary>Size of installed RAM in bytes.</summary>
    ulong Size { get; }

    /// <summary>Copies guest bytes at <paramref name="address"/> into <paramref name="destination"/>.</summary>
    void Read(ulong address, Span<byte> destination);

    /// <summary>Copies <paramref name="source"/> into guest memory at <paramref name="address"/>.</summary>
    void Write(ulong address, ReadOnlySpan<byte> source);
}
