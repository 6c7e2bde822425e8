namespace KjTest.Runtime.Kernel;

/// <summary>A half-open range of physical addresses [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>).</summary>
/// <param name="Start">First byte.</param>
/// <param name="Length">Number of bytes.</param>
public readonly record struct PhysicalRange(ulong Start, ulong Length)
{
    /// <summary>One past the last byte (saturating at 2^64 - 1 would lose a byte, so ranges ending at 2^64 are not representable).</summary>
    public ulong End => Start + Length;

    /// <summary>The last byte, inclusive, as Linux's <c>struct resource</c> stores it.</summary>
    public ulong Last => Start + Length - 1;

    /// <summary>Whether <paramref name="address"/> lies inside the range.</summary>
    public bool Contains(ulong address) => address >= Start && address - Start < Length;

    /// <summary>Whether the page at <paramref name="pageAddress"/> lies wholly inside the range.</summary>
    public bool ContainsPage(ulong pageAddress) => Contains(pageAddress) && Contains(pageAddress + KernelConstants.PageSize - 1);

    /// <summary>Whether the page at <paramref name="pageAddress"/> shares at least one byte with the range.</summary>
    public bool TouchesPage(ulong pageAddress) => Length != 0 && pageAddress <= Last && pageAddress + KernelConstants.PageSize - 1 >= Start;

    /// <inheritdoc />
    public override string ToString() => $"[0x{Start:x}, 0x{End:x})";
}
