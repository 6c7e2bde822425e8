using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Jump;

public class X86_64JumpDriverTests
{
    private static readonly byte[] SmallestImage = [0x66, 0xBA, 0xF8, 0x03, 0xB0, 0x42, 0xEE, 0xC3];

    [TestCase(KernelEra.Cur)]
    [TestCase(KernelEra.K614)]
    public void Smallest_jump_returns_zero_prints_B_and_keeps_the_entry(KernelEra era)
    {
        var bed = Bed.Create(era);
        var load = bed.Kernel.KexecLoad(0x400000, [new KexecSegment(SmallestImage, 0x400000, 0x1000)], KexecFlags.PreserveContext);
        Assert.That(load.ReturnValue, Is.Zero, load.ToString());

        var result = bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), bed.Driver.LastEnd?.Message);
        Assert.That(result.ReturnValue, Is.Zero);
        Assert.That(bed.Devices.Uart.TransmittedText, Is.EqualTo("B"));
        Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(0x400000UL));
    }

    [Test]
    public void K30_smallest_jump_triple_faults_in_restore_processor_state_because_the_gdt_is_not_restored()
    {
        var bed = Bed.Create(KernelEra.K30);
        bed.Kernel.KexecLoad(0x400000, [new KexecSegment(SmallestImage, 0x400000, 0x1000)], KexecFlags.PreserveContext);

        bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.TripleFault), bed.Driver.LastEnd?.Message);
        Assert.That(bed.Devices.Uart.TransmittedText, Is.EqualTo("B"));
    }

    [Test]
    public void B4_variant_reads_the_reentry_point_from_the_page_above_the_swap_page()
    {
        var bed = Bed.Create(KernelEra.Cur, RelocateBug.B4);
        var load = bed.Kernel.KexecLoad(0x400000, [new KexecSegment(SmallestImage, 0x400000, 0x1000)], KexecFlags.PreserveContext);
        var neighbourWord = bed.Machine.Memory.ReadUInt64(load.Layout!.SwapPage!.Value + 0x1000);

        bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), bed.Driver.LastEnd?.Message);
        Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(neighbourWord));
    }

    [TestCase(KernelEra.Cur, 0UL)]
    [TestCase(KernelEra.K30, 0UL)]
    public void Plain_kexec_enters_the_image_with_zeroed_registers_and_a_zero_word_above_the_entry(KernelEra era, ulong expectedWord)
    {
        var bed = Bed.Create(era);
        bed.Kernel.KexecLoad(0x400000, [new KexecSegment([0xF4], 0x400000, 0x1000)], 0);

        var result = bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        var cpu = bed.Machine.Cpu;
        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.NoReturn), bed.Driver.LastEnd?.Message);
        Assert.That(result.Outcome, Is.EqualTo(KjTest.Runtime.Kernel.Pm.KernelKexecOutcome.NeverReturned));
        Assert.That(Enumerable.Range(0, 16).Where(i => i != 4).Select(cpu.GetGpr), Is.All.Zero);
        Assert.That(bed.Machine.Memory.ReadUInt64(cpu.GetGpr(4)), Is.EqualTo(expectedWord));
    }

    [Test]
    public void K614_plain_kexec_leaves_no_zero_word_above_the_entry_stack_bug_B6()
    {
        var bed = Bed.Create(KernelEra.K614);
        bed.Kernel.KexecLoad(0x400000, [new KexecSegment([0xF4], 0x400000, 0x1000)], 0);
        var controlPage = bed.Kernel.NormalImage!.ControlPages[0];

        bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Machine.Cpu.GetGpr(4), Is.EqualTo(controlPage + 0x1000), "the stack is empty: purgatory reads past its top");
    }

    [Test]
    public void The_host_deadline_is_a_safety_net_reported_apart_from_the_guests_limits()
    {
        var bed = Bed.Create(KernelEra.Cur, settings: s => s with { MaxInstructions = ulong.MaxValue / 2, HostDeadline = TimeSpan.FromMilliseconds(50) });
        // A callee that spins: only the host bound can stop it.
        bed.Kernel.KexecLoad(0x400000, [new KexecSegment([0xEB, 0xFE], 0x400000, 0x1000)], KjTest.Abi.KexecFlags.PreserveContext);

        bed.Kernel.Reboot(RebootMagic.Magic1, 0x28121969, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, bed.Driver.MachineKexec);

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.HostDeadline));
        Assert.That(bed.Driver.LastEnd?.Message, Does.StartWith("the host deadline (0.05 s) passed before the guest's limit, after "));
    }

    private sealed record Bed(X86Machine Machine, MachineDevices Devices, KernelModel Kernel, X86_64JumpDriver Driver)
    {
        public static Bed Create(KernelEra era, RelocateBug bug = RelocateBug.None, Func<JumpSettings, JumpSettings>? settings = null)
        {
            var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
            var devices = MachineDevices.CreateDefault(machine.Bus);
            var env = X86_64KernelEnvironment.Build(machine, 0x100000);
            var config = new KernelConfig
            {
                Era = era,
                Ram = [new PhysicalRange(0, 64UL << 20)],
                Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, X86_64KernelEnvironment.AreaSize)],
            };
            var kernel = KernelModel.Create(config, machine.Memory, []);
            var jump = new JumpSettings { Era = era, Bug = bug, MaxInstructions = 1_000_000 };
            var driver = new X86_64JumpDriver(machine, env, kernel, settings?.Invoke(jump) ?? jump, _ => { });
            return new Bed(machine, devices, kernel, driver);
        }
    }
}
