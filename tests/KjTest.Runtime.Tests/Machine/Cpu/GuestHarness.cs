using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>Builds small machines, assembles guest code with Iced and runs it to HLT.</summary>
internal static class GuestHarness
{
    public const ulong CodeAddress = 0x10_0000;

    public static X86Machine LongMode(Action<Assembler> code, ulong memory = 64UL << 20)
    {
        var machine = new MachineBuilder().WithMemory(memory).Build();
        MachineSetup.LongMode(machine, CodeAddress);
        Load(machine, 64, code);
        return machine;
    }

    public static X86Machine Protected32(Action<Assembler> code, ulong memory = 64UL << 20)
    {
        var machine = new MachineBuilder().WithMemory(memory).Build();
        MachineSetup.ProtectedMode32(machine, CodeAddress);
        Load(machine, 32, code);
        return machine;
    }

    public static void Load(X86Machine machine, int bitness, Action<Assembler> code, ulong address = CodeAddress)
    {
        machine.Load(address, Assemble(bitness, code, address));
    }

    public static byte[] Assemble(int bitness, Action<Assembler> code, ulong address)
    {
        var asm = new Assembler(bitness);
        code(asm);
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), address);
        return stream.ToArray();
    }

    public static RunOutcome RunToHalt(X86Machine machine, ulong maxInstructions = 1_000_000)
    {
        var outcome = machine.Run(new ExecutionLimits(maxInstructions));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Halted), outcome.ToString());
        return outcome;
    }

    public static ulong Rax(this X86Machine m) => m.Cpu.GetGpr(0);

    public static ulong Reg(this X86Machine m, Register r) => m.Cpu.GetRegister(r);

    public const ulong IdtAddress = 0x8000;

    /// <summary>Writes a 64-bit interrupt gate (selector 0x08) for <paramref name="vector"/> and points IDTR at the table.</summary>
    public static void SetGate64(X86Machine m, int vector, ulong handler, int dpl = 0, int ist = 0, bool trap = false)
    {
        var type = trap ? 0xFUL : 0xEUL;
        var low = (handler & 0xFFFF) | (0x08UL << 16) | ((ulong)ist << 32) | (type << 40) | ((ulong)dpl << 45) | (1UL << 47) | ((handler & 0xFFFF_0000) << 32);
        m.Memory.WriteUInt64(IdtAddress + ((ulong)vector * 16), low);
        m.Memory.WriteUInt64(IdtAddress + ((ulong)vector * 16) + 8, handler >> 32);
        m.Cpu.Idtr = new DescriptorTableRegister(IdtAddress, 0xFFF);
    }

    /// <summary>Writes a 32-bit interrupt gate (selector 0x08) and points IDTR at the table.</summary>
    public static void SetGate32(X86Machine m, int vector, uint handler, int dpl = 0)
    {
        var low = (handler & 0xFFFFUL) | (0x08UL << 16) | (0xEUL << 40) | ((ulong)dpl << 45) | (1UL << 47) | ((ulong)(handler & 0xFFFF_0000) << 32);
        m.Memory.WriteUInt64(IdtAddress + ((ulong)vector * 8), low);
        m.Cpu.Idtr = new DescriptorTableRegister(IdtAddress, 0x7FF);
    }
}
