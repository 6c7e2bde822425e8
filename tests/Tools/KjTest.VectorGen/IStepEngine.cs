using KjTest.Runtime.Tests.Oracle;

namespace KjTest.VectorGen;

/// <summary>Something that runs one instruction from a given machine state: Unicorn or the host CPU.</summary>
internal interface IStepEngine
{
    /// <summary>Guest accesses of the last <see cref="Step"/>: address, size, true for a write.</summary>
    List<(ulong Address, int Size, bool IsWrite)> Accesses { get; }

    /// <summary>The exception vector raised during the last <see cref="Step"/>, if any.</summary>
    uint? Interrupt { get; }

    void Write(ulong address, ReadOnlySpan<byte> bytes);

    void Read(ulong address, Span<byte> bytes);

    void FlushCode(ulong begin, ulong end);

    void Set(UnicornRegister register, ulong value);

    ulong Get(UnicornRegister register);

    /// <summary>Runs one instruction; 0 on success, else a uc_err-style code.</summary>
    int Step(ulong address);
}
