using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Jump;

public class I386JumpDriverTests
{
    private static readonly byte[] SmallestImage = [0x66, 0xBA, 0xF8, 0x03, 0xB0, 0x42, 0xEE, 0xC3];

    [Test]
    public void K27_round_trip_returns_zero_and_reads_the_reentry_point_from_the_page_above_the_swap_page()
    {
        var machine = new MachineBuilder().WithMemory(64UL << 20).Build();
        var devices = MachineDevices.CreateDefault(machine.Bus);
        var env = I386KernelEnvironment.Build(machine, 0x100000);
        var config = new KernelConfig
        {
            Era = KernelEra.K27,
            Arch = KernelArch.I386,
            Ram = [new PhysicalRange(0, 64UL << 20)],
            Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, env.Size)],
        };
        var kernel = KernelModel.Create(config, machine.Memory, []);
        var driver = new I386JumpDriver(machine, env, new JumpSettings { Era = KernelEra.K27, MaxInstructions = 1_000_000 });
        var load = kernel.KexecLoad(0x400000, [new KexecSegment(SmallestImage, 0x400000, 0x1000)], KexecFlags.PreserveContext);
        Assert.That(load.ReturnValue, Is.Zero, load.ToString());

        var result = kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, driver.MachineKexec);
        var neighbour = machine.Memory.ReadUInt32(load.Layout!.SwapPage!.Value + 0x1000);

        Assert.That(driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), driver.LastEnd?.Message);
        Assert.That(result.ReturnValue, Is.Zero);
        Assert.That(devices.Uart.TransmittedText, Is.EqualTo("B"));
        Assert.That(kernel.NormalImage!.Start, Is.EqualTo((ulong)neighbour));
    }
}
