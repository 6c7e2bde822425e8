using Iced.Intel;
using KjTest.Abi;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Paging;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Kernel.Relocate;

/// <summary>
/// Bug B5 of reference kexec-jump.md section 7 against sections 5.1 to 5.3: since 5a82223e0743 the control page is
/// read-only and executable in the kernel map, whose entries are global; a CR3 load keeps global TLB entries, so
/// relocate_kernel must clear CR4.PGE (d144d8a65286) before it stores to its data area through the control page's
/// kernel virtual address, which the transition mapping makes writable. First the machine behaviour it rests on: a
/// write through the surviving global read-only entry faults, and the fault drops the entry, so the next write walks
/// the new tables.
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

        // A read creates a TLB entry only for a page with content (never-written RAM reads as zeros without one).
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

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Section_5_1_machine_kexec_prepare_maps_the_control_page_read_only_executable_and_global_in_A_s_map(KernelEra era)
    {
        var bed = Bed.Create(era, RelocateBug.None);
        var controlPage = bed.LoadJumpImage();
        var va = X86_64KernelEnvironment.Va(controlPage);

        var leaf = Leaf(bed.Machine.Memory, bed.Env.Pml4, va);
        Assert.That(leaf & ~X86_64PageFlags.AddressMask & ~X86_64KernelMap.NoExecute, Is.EqualTo(X86_64PageFlags.Present | X86_64PageFlags.Accessed | X86_64PageFlags.Dirty | X86_64PageFlags.Global));
        Assert.That(leaf & X86_64KernelMap.NoExecute, Is.Zero);
        Assert.That(leaf & X86_64PageFlags.AddressMask, Is.EqualTo(controlPage));
        Assert.That(X86_64PageWalk.Translate(bed.Machine.Memory, bed.Env.Pml4, va + 0x1000), Is.EqualTo(controlPage + 0x1000), "the split keeps the rest of the direct map");
        Assert.That(Leaf(bed.Machine.Memory, bed.Env.Pml4, va + 0x1000) & X86_64PageFlags.Rw, Is.Not.Zero);
        Assert.That(Leaf(bed.Machine.Memory, bed.Env.Pml4, controlPage) & X86_64PageFlags.Rw, Is.Not.Zero, "the low alias sharing the direct map's PDPT is not changed");
    }

    [Test]
    public void Section_5_1_K30_leaves_its_control_pages_writable_in_A_s_map()
    {
        var bed = Bed.Create(KernelEra.K30, RelocateBug.None);
        var controlPage = bed.LoadJumpImage();

        var leaf = Leaf(bed.Machine.Memory, bed.Env.Pml4, X86_64KernelEnvironment.Va(controlPage + 0x1000));
        Assert.That(leaf & X86_64PageFlags.Rw, Is.Not.Zero);
        Assert.That(leaf & X86_64PageFlags.Global, Is.Zero);
    }

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Section_7_B5_at_the_CR3_switch_the_control_page_has_a_global_read_only_entry_the_new_tables_contradict(KernelEra era)
    {
        var bed = Bed.Create(era, RelocateBug.B5);
        var controlPage = bed.LoadJumpImage();
        var va = X86_64KernelEnvironment.Va(controlPage);
        var routine = bed.Driver.Arch.RoutineOf(bed.Kernel.NormalImage!);
        bed.Machine.Cpu.AddSentinel(va + AfterCr3Load(routine.Code));

        bed.Reboot();

        var cpu = bed.Machine.Cpu;
        var dataVa = va + (ulong)routine.DataOffset;
        Assert.That(bed.Driver.LastEnd?.Message, Does.Contain("unexpected sentinel"), "stopped right after mov cr3, r9");
        Assert.That(cpu.Cr3, Is.EqualTo(bed.Driver.Arch.TableRoot(bed.Kernel.NormalImage!)));
        Assert.That(cpu.Cr4 & Cr.Cr4Pge, Is.Not.Zero);
        Assert.That(Leaf(bed.Machine.Memory, cpu.Cr3, va) & X86_64PageFlags.Rw, Is.Not.Zero, "the transition mapping is writable");
        Assert.That(cpu.TryWriteLinear(dataVa, new byte[8]), Is.False, "the store faults through the global read-only entry kept across the CR3 load");
        Assert.That(cpu.TryWriteLinear(dataVa, new byte[8]), Is.True, "once dropped, the walk of the identity table allows it");
    }

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Section_5_2_the_fixed_routine_has_flushed_the_global_entry_when_it_stores(KernelEra era)
    {
        var bed = Bed.Create(era, RelocateBug.None);
        var controlPage = bed.LoadJumpImage();
        var va = X86_64KernelEnvironment.Va(controlPage);
        var routine = bed.Driver.Arch.RoutineOf(bed.Kernel.NormalImage!);
        bed.Machine.Cpu.AddSentinel(va + FirstStoreToDataArea(routine.Code, routine.DataOffset));

        bed.Reboot();

        var cpu = bed.Machine.Cpu;
        Assert.That(bed.Driver.LastEnd?.Message, Does.Contain("unexpected sentinel"), "stopped at the first store to the data area");
        Assert.That(cpu.Cr4 & Cr.Cr4Pge, Is.Zero, "d144d8a65286: PGE cleared first");
        Assert.That(cpu.TryWriteLinear(va + (ulong)routine.DataOffset, new byte[8]), Is.True);
    }

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Section_7_B5_triple_faults_on_the_first_store_and_the_fixed_routine_jumps_back(KernelEra era)
    {
        var withBug = Bed.Create(era, RelocateBug.B5);
        withBug.LoadJumpImage();
        withBug.Reboot();
        var fixedRoutine = Bed.Create(era, RelocateBug.None);
        fixedRoutine.LoadJumpImage();
        fixedRoutine.Reboot();

        Assert.That(withBug.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.TripleFault), withBug.Driver.LastEnd?.Message);
        Assert.That(withBug.Driver.LastEnd?.Message, Does.StartWith("triple fault: #PF"));
        Assert.That(fixedRoutine.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), fixedRoutine.Driver.LastEnd?.Message);
    }

    [TestCase("b5-global-readonly-control-page-cur.yaml")]
    [TestCase("b5-global-readonly-control-page-k614.yaml")]
    public void Section_7_B5_scenario_without_its_fault_step_jumps_back_instead_of_triple_faulting(string file)
    {
        var scenario = Scenario(file);
        var withBug = ScenarioRunner.Run(scenario, ScenarioDirectory);
        var withoutBug = ScenarioRunner.Run(scenario with { Steps = [.. scenario.Steps.Where(s => s is not FaultStep)] }, ScenarioDirectory);

        Assert.That(withBug.Passed, Is.True, ScenarioCatalogueTests.Describe(withBug));
        Assert.That(withoutBug.Actual, Is.EqualTo(OutcomeKind.Fail), ScenarioCatalogueTests.Describe(withoutBug));
    }

    [Test]
    public void Section_5_1_set_memory_rox_without_a_page_for_the_split_fails_and_keeps_the_translation()
    {
        var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
        var env = X86_64KernelEnvironment.Build(machine, 0x100000);
        var va = X86_64KernelEnvironment.Va(0x3FF000);
        var pages = new Queue<ulong>([0x200000]);

        var done = X86_64KernelMap.SetReadOnlyExec(machine.Memory, env.Pml4, va, () => pages.Count > 0 ? pages.Dequeue() : null);

        Assert.That(done, Is.False);
        Assert.That(X86_64PageWalk.Translate(machine.Memory, env.Pml4, va), Is.EqualTo(0x3FF000UL));
        Assert.That(Leaf(machine.Memory, env.Pml4, va) & X86_64PageFlags.Rw, Is.Not.Zero);
    }

    [Test]
    public void The_K30_routine_is_not_built_with_B5()
    {
        Assert.That(() => X86_64Relocate.Build(KernelEra.K30, RelocateBug.B5, 0), Throws.ArgumentException);
    }

    private static string ScenarioDirectory => ScenarioHarness.CatalogueDirectory;

    private static Scenario Scenario(string file) => ScenarioHarness.CheckCatalogueFile(file);

    private static ulong AfterCr3Load(byte[] code) =>
        Decode(code).First(i => i.Code == Code.Mov_cr_r64 && i.Op0Register == Register.CR3).NextIP;

    private static ulong FirstStoreToDataArea(byte[] code, int dataOffset) =>
        Decode(code).First(i => i.Code == Code.Mov_rm64_r64 && i.Op0Kind == OpKind.Memory && i.MemoryBase == Register.R8 && i.MemoryDisplacement64 >= (ulong)dataOffset).IP;

    private static IEnumerable<Instruction> Decode(byte[] code)
    {
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(code));
        while (decoder.IP < (ulong)code.Length)
        {
            yield return decoder.Decode();
        }
    }

    private static ulong Leaf(PhysicalMemory mem, ulong root, ulong va)
    {
        var table = root & X86_64PageFlags.AddressMask;
        for (var shift = 39; ; shift -= 9)
        {
            var entry = mem.ReadUInt64(table + (((va >> shift) & 511) * 8));
            if (shift == 12 || (entry & X86_64PageFlags.Pse) != 0 || (entry & X86_64PageFlags.Present) == 0)
            {
                return entry;
            }

            table = entry & X86_64PageFlags.AddressMask;
        }
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

    private sealed record Bed(X86Machine Machine, X86_64KernelEnvironment Env, KernelModel Kernel, X86_64JumpDriver Driver)
    {
        public static Bed Create(KernelEra era, RelocateBug bug)
        {
            var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
            MachineDevices.CreateDefault(machine.Bus);
            var env = X86_64KernelEnvironment.Build(machine, 0x100000);
            var config = new KernelConfig
            {
                Era = era,
                Ram = [new PhysicalRange(0, 64UL << 20)],
                Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, X86_64KernelEnvironment.AreaSize)],
            };
            var kernel = KernelModel.Create(config, machine.Memory, []);
            var driver = new X86_64JumpDriver(machine, env, kernel, new JumpSettings { Era = era, Bug = bug, MaxInstructions = 1_000_000 }, _ => { });
            return new Bed(machine, env, kernel, driver);
        }

        /// <summary>Loads a one-instruction (ret) image with PRESERVE_CONTEXT and returns its first control page.</summary>
        public ulong LoadJumpImage()
        {
            Kernel.KexecLoad(0x400000, [new KexecSegment([0xC3], 0x400000, 0x1000)], KexecFlags.PreserveContext);
            return Kernel.NormalImage!.ControlPages[0];
        }

        public void Reboot() =>
            Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, Driver.MachineKexec);
    }
}
