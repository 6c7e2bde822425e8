namespace KjTest.Runtime.Kernel;

/// <summary>
/// What <c>machine_kexec_prepare()</c> (reference 2.3 row 23) sees of the image being loaded: its geometry and the
/// control page allocator that x86-64 uses for the identity page table.
/// </summary>
public sealed class KimagePrepareContext
{
    private readonly Kimage _image;

    internal KimagePrepareContext(Kimage image) => _image = image;

    /// <summary>Normal or crash image.</summary>
    public KimageType Type => _image.Type;

    /// <summary>The segments being loaded.</summary>
    public IReadOnlyList<KimageSegment> Segments => _image.Segments;

    /// <summary>The control code block's first page.</summary>
    public ulong ControlCodePage => _image.ControlCodePage;

    /// <summary>The swap page, for normal images.</summary>
    public ulong? SwapPage => _image.SwapPage;

    /// <summary>
    /// <c>kimage_alloc_control_pages(image, order)</c>: a block of 2^<paramref name="order"/> pages outside every
    /// destination range and below the control limit, or null (the caller returns ENOMEM).
    /// </summary>
    public ulong? AllocateControlPages(int order) => _image.AllocatePrepareControlPages(order);
}
