namespace KjTest.Runtime.Reports;

/// <summary>A range of physical memory the memory map draws as reserved, with what holds it.</summary>
/// <param name="Start">First byte.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Label">What it is, for the tooltip.</param>
public sealed record MemoryMapRegion(ulong Start, ulong Length, string Label)
{
    /// <summary>Whether the page at <paramref name="page"/> shares a byte with the region.</summary>
    public bool Touches(ulong page) => Length != 0 && page < Start + Length && page + Kernel.KernelConstants.PageSize > Start;
}
