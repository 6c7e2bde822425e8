namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// One software TLB slot: the linear page it translates for reads and (separately) for writes,
/// and the host array of the physical page, so hits never touch the page tables or the memory table.
/// </summary>
internal struct TlbEntry
{
    public ulong ReadTag;
    public ulong WriteTag;
    public byte[]? Page;
    public bool Global;

    /// <summary>The walk that filled the entry found the page not writable at this privilege.</summary>
    public bool ReadOnly;
}
