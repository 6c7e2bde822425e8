using BenchmarkDotNet.Attributes;
using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Benchmarks.Machine;

/// <summary>
/// Interpreter speed on a tight integer loop (ALU, loads, stores, LEA, SETcc, Jcc). Reported time is per guest
/// instruction (OperationsPerInvoke), so MIPS = 1000 / ns.
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private const int Iterations = 200_000;
    private const int InstructionsPerIteration = 9;
    private const ulong Code = 0x10_0000;
    private X86Machine _machine = null!;

    /// <summary>Builds a 64-bit machine holding the loop.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _machine = new MachineBuilder().WithMemory(64UL << 20).Build();
        MachineSetup.LongMode(_machine, Code);
        var asm = new Assembler(64);
        var top = asm.CreateLabel();
        asm.Label(ref top);
        asm.add(rax, rcx);
        asm.xor(rdx, rax);
        asm.mov(__qword_ptr[0x2000], rdx);
        asm.mov(rsi, __qword_ptr[0x2000]);
        asm.lea(rdi, __[rsi + rbx * 2 + 8]);
        asm.cmp(rdi, rax);
        asm.setb(bl);
        asm.dec(ecx);
        asm.jne(top);
        asm.hlt();
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), Code);
        _machine.Load(Code, stream.ToArray());
    }

    /// <summary>One pass of the loop; time per guest instruction.</summary>
    [Benchmark(OperationsPerInvoke = (Iterations * InstructionsPerIteration) + 1)]
    public StopReason IntegerLoop()
    {
        var cpu = _machine.Cpu;
        cpu.Rip = Code;
        cpu.Halted = false;
        cpu.SetGpr(1, Iterations);
        return cpu.Run(new ExecutionLimits(ulong.MaxValue)).Reason;
    }
}
