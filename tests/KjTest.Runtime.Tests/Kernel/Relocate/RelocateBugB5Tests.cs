using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Tests.Kernel.Relocate;

/// <summary>
/// The machine behaviour bug B5 of reference kexec-jump.md section 7 rests on: a global read-only TLB entry survives
/// the CR3 load, and a write through it faults although the new tables (the transition mapping of section 5.1) map
/// the page writable; the fault drops the entry, so the next write walks the new tables.
/// </summary>
public class RelocateBugB5Tests
{
    private const ulong Va = 0x10_0000_0000;
    private const ulong KernelPage = 0x400000;
    private const ulong TransitionPage = 0x401000;

    [Test]
    public void Section_7_B5_a_write_through_a_surviving_global_read_only_entry_faults()
    {
        var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
        X86_64KernelEnvironment.Build(machine, 0x100000);
        var mem = machine.Memory;
        var cpu = machine.Cpu;
        mem.WriteUInt64(KernelPage, 0x1111);
        mem.WriteUInt64(TransitionPage, 0x2222);
        var kernelMap = Tables(mem, 0x300000, KernelPage | 0x161);
        var transitionMap = Tables(mem, 0x310000, TransitionPage | 0x63);
        var word = new byte[8];

        cpu.Cr3 = kernelMap;
        Assert.That(cpu.TryReadLinear(Va, word), Is.True);
        Assert.That(cpu.TryWriteLinear(Va, new byte[8]), Is.False, "the kernel map's translation is read-only");
        Assert.That(cpu.TryReadLinear(Va, word), Is.True);
        cpu.Cr3 = transitionMap;

        Assert.That(cpu.TryReadLinear(Va, word), Is.True);
        Assert.That(BitConverter.ToUInt64(word), Is.EqualTo(0x1111UL), "the global entry survived the CR3 load");
        Assert.That(cpu.TryWriteLinear(Va, BitConverter.GetBytes(0x3333UL)), Is.False, "#PF through the stale read-only entry");
        Assert.That(mem.ReadUInt64(TransitionPage), Is.EqualTo(0x2222UL));
        Assert.That(cpu.TryWriteLinear(Va, BitConverter.GetBytes(0x3333UL)), Is.True, "the fault dropped the entry; the write walks the new tables");
        Assert.That(mem.ReadUInt64(TransitionPage), Is.EqualTo(0x3333UL));
        Assert.That(mem.ReadUInt64(KernelPage), Is.EqualTo(0x1111UL));
    }

    private static ulong Tables(PhysicalMemory mem, ulong at, ulong leaf)
    {
        mem.Write(at, new byte[0x4000]);
        mem.WriteUInt64(at + (((Va >> 39) & 511) * 8), (at + 0x1000) | 0x63);
        mem.WriteUInt64(at + 0x1000 + (((Va >> 30) & 511) * 8), (at + 0x2000) | 0x63);
        mem.WriteUInt64(at + 0x2000 + (((Va >> 21) & 511) * 8), (at + 0x3000) | 0x63);
        mem.WriteUInt64(at + 0x3000 + (((Va >> 12) & 511) * 8), leaf);
        return at;
    }
}
