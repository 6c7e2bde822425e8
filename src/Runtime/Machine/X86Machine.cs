using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Machine;

/// <summary>An emulated PC: one <see cref="X86Cpu"/>, its <see cref="PhysicalMemory"/> and its <see cref="IoBus"/>. Build one with <see cref="MachineBuilder"/>.</summary>
public sealed class X86Machine
{
    internal X86Machine(X86Cpu cpu)
    {
        Cpu = cpu;
    }

    /// <summary>The processor.</summary>
    public X86Cpu Cpu { get; }

    /// <summary>Guest RAM.</summary>
    public PhysicalMemory Memory => Cpu.Memory;

    /// <summary>Ports and MMIO.</summary>
    public IoBus Bus => Cpu.IoBus;

    /// <summary>Copies <paramref name="image"/> into physical memory at <paramref name="address"/>.</summary>
    public void Load(ulong address, ReadOnlySpan<byte> image) => Memory.Write(address, image);

    /// <summary>Runs the CPU within <paramref name="limits"/>.</summary>
    public RunOutcome Run(ExecutionLimits limits) => Cpu.Run(limits);
}
