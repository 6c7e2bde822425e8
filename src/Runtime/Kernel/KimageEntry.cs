namespace KjTest.Runtime.Kernel;

/// <summary>The kimage entry word flags (reference 3.2): page-aligned physical address OR one flag.</summary>
public static class KimageEntry
{
    /// <summary>IND_DESTINATION: following sources go to consecutive pages from this address.</summary>
    public const ulong Destination = 0x1;

    /// <summary>IND_INDIRECTION: continue reading at this page.</summary>
    public const ulong Indirection = 0x2;

    /// <summary>IND_DONE: end of list.</summary>
    public const ulong Done = 0x4;

    /// <summary>IND_SOURCE: a source page for the current destination page.</summary>
    public const ulong Source = 0x8;
}
