using KjTest.Runtime.Tests.Oracle;

namespace KjTest.VectorGen;

/// <summary>A Unicorn engine as an <see cref="IStepEngine"/>.</summary>
internal sealed class UnicornStepEngine(UnicornEngine engine) : IStepEngine
{
    public List<(ulong Address, int Size, bool IsWrite)> Accesses => engine.Accesses;

    public uint? Interrupt => engine.Interrupt;

    public void Write(ulong address, ReadOnlySpan<byte> bytes) => engine.Write(address, bytes);

    public void Read(ulong address, Span<byte> bytes) => engine.Read(address, bytes);

    public void FlushCode(ulong begin, ulong end) => engine.FlushCode(begin, end);

    public void Set(UnicornRegister register, ulong value) => engine.Set(register, value);

    public ulong Get(UnicornRegister register) => engine.Get(register);

    public int Step(ulong address) => engine.Step(address);
}
