namespace KjTest.Dsl.Model;

/// <summary>What a range of the physical memory map is.</summary>
public enum MemoryRegionKind
{
    /// <summary>Usable RAM that the kernel allocates from.</summary>
    Ram,

    /// <summary>Present but reserved (firmware, crashkernel, holes the kernel must not allocate).</summary>
    Reserved,
}
