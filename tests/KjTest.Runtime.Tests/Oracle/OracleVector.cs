namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// One single-instruction oracle case: the machine state before the instruction and after
/// it, as Unicorn computed it. Registers are indexed as the x86 encoding numbers them
/// (RAX=0 ... R15=15); in 32-bit vectors only 0-7 are used.
/// </summary>
/// <param name="Mode">32 or 64.</param>
/// <param name="Family">The file's instruction family (e.g. <c>arith</c>).</param>
/// <param name="Form">Iced <c>Code</c> name of the encoded form.</param>
/// <param name="Source">File and line, for failure messages.</param>
/// <param name="Bytes">The encoded instruction.</param>
/// <param name="InitialRegisters">General registers before.</param>
/// <param name="InitialIp">RIP/EIP before.</param>
/// <param name="InitialFlags">RFLAGS before.</param>
/// <param name="InitialMemory">Every byte the instruction reads or writes, with its value before.</param>
/// <param name="FinalRegisters">General registers after.</param>
/// <param name="FinalIp">RIP/EIP after.</param>
/// <param name="FinalFlags">RFLAGS after.</param>
/// <param name="FinalMemory">Every byte the instruction writes, with its value after.</param>
/// <param name="UndefinedFlagsMask">RFLAGS bits to ignore when comparing (see <see cref="UndefinedFlags"/>).</param>
internal sealed record OracleVector(
    int Mode,
    string Family,
    string Form,
    string Source,
    byte[] Bytes,
    ulong[] InitialRegisters,
    ulong InitialIp,
    uint InitialFlags,
    IReadOnlyList<OracleMemoryRun> InitialMemory,
    ulong[] FinalRegisters,
    ulong FinalIp,
    uint FinalFlags,
    IReadOnlyList<OracleMemoryRun> FinalMemory,
    uint UndefinedFlagsMask);
