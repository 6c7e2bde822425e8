using BenchmarkDotNet.Attributes;
using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Benchmarks.Machine;

/// <summary><c>rep movsq</c> of 4 MiB between guest pages against a native span copy of the same bytes.</summary>
public class RepMovsBenchmarks
{
    private const int Bytes = 4 << 20;
    private const ulong Code = 0x10_0000;
    private X86Machine _machine = null!;
    private byte[] _source = null!;
    private byte[] _destination = null!;

    /// <summary>Builds the machine, fills the source and touches the destination so both are backed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _machine = new MachineBuilder().WithMemory(64UL << 20).Build();
        MachineSetup.LongMode(_machine, Code);
        var asm = new Assembler(64);
        asm.mov(rsi, 0x40_0000);
        asm.mov(rdi, 0x100_0000);
        asm.mov(ecx, Bytes / 8);
        asm.rep.movsq();
        asm.hlt();
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), Code);
        _machine.Load(Code, stream.ToArray());
        _source = new byte[Bytes];
        new Random(1).NextBytes(_source);
        _destination = new byte[Bytes];
        _machine.Load(0x40_0000, _source);
        _machine.Load(0x100_0000, _destination);
    }

    /// <summary>The guest copy.</summary>
    [Benchmark]
    public StopReason GuestRepMovsq()
    {
        _machine.Cpu.Rip = Code;
        _machine.Cpu.Halted = false;
        return _machine.Cpu.Run(new ExecutionLimits(100)).Reason;
    }

    /// <summary>The host copy of the same size.</summary>
    [Benchmark(Baseline = true)]
    public void NativeSpanCopy() => _source.AsSpan().CopyTo(_destination);
}
