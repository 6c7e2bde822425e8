namespace KjTest.Runtime.Kernel;

/// <summary>
/// Where a loaded kimage lives in guest RAM (reference 3): the head word, the indirection pages holding the entry list,
/// each destination page with its source page, the control page block, the swap page and the pages
/// <c>machine_kexec_prepare</c> took. This is what <c>kjtest explain</c> prints and what tests compare with the list
/// decoded from guest memory.
/// </summary>
public sealed record KimageLayout
{
    /// <summary>Normal or crash image.</summary>
    public required KimageType Type { get; init; }

    /// <summary>image->start: the entry point (after a kexec jump, the peer's re-entry point).</summary>
    public required ulong Start { get; init; }

    /// <summary>image->head: pa(first indirection page) | IND_INDIRECTION, or IND_DONE for a crash image.</summary>
    public required ulong Head { get; init; }

    /// <summary>Bytes per entry word: 8 on x86-64, 4 on i386.</summary>
    public required int WordSize { get; init; }

    /// <summary>Whether KEXEC_PRESERVE_CONTEXT was given (image->preserve_context).</summary>
    public required bool PreserveContext { get; init; }

    /// <summary>The segments, in load order.</summary>
    public required IReadOnlyList<KimageSegment> Segments { get; init; }

    /// <summary>Indirection pages in chain order.</summary>
    public required IReadOnlyList<ulong> IndirectionPages { get; init; }

    /// <summary>Each destination page with its source page, in list order (empty for crash images).</summary>
    public required IReadOnlyList<KimagePage> Pages { get; init; }

    /// <summary>The control code block (image->control_code_page): one page, or two on x86-64 before 6.14.</summary>
    public required IReadOnlyList<ulong> ControlPages { get; init; }

    /// <summary>The swap page (normal images only).</summary>
    public required ulong? SwapPage { get; init; }

    /// <summary>Control pages taken by <c>machine_kexec_prepare</c> (the x86-64 identity page table), in allocation order.</summary>
    public required IReadOnlyList<ulong> PreparePages { get; init; }

    /// <summary>Pages parked on dest_pages and never used (each is some destination page), held until the image is freed.</summary>
    public required IReadOnlyList<ulong> ParkedPages { get; init; }

    /// <summary>Pages above KEXEC_SOURCE_MEMORY_LIMIT put on unusable_pages, held until the image is freed.</summary>
    public required IReadOnlyList<ulong> UnusablePages { get; init; }

    /// <summary>
    /// How often <c>kimage_alloc_page</c> drew a page that was another page's destination after that page's source
    /// existed, and so moved the source into it and used the old source page instead.
    /// </summary>
    public int Exchanges { get; init; }

    /// <summary>The destination ranges ⋃D as half-open page-aligned ranges, one per segment with a non-zero size.</summary>
    public IEnumerable<PhysicalRange> DestinationRanges =>
        Segments.Where(s => s.MemSize != 0).Select(s => new PhysicalRange(s.Mem, s.MemSize));
}
