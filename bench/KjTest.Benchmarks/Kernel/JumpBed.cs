using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Benchmarks.Kernel;

/// <summary>A machine with kernel A and a preserve-context image of one <c>ret</c> loaded over a window of the given size.</summary>
public sealed class JumpBed
{
    private JumpBed(X86Machine machine, KernelModel kernel, X86_64JumpDriver driver)
    {
        Machine = machine;
        Kernel = kernel;
        Driver = driver;
    }

    /// <summary>The machine.</summary>
    public X86Machine Machine { get; }

    /// <summary>Kernel A.</summary>
    public KernelModel Kernel { get; }

    /// <summary>A's machine_kexec.</summary>
    public X86_64JumpDriver Driver { get; }

    /// <summary>Builds the bed; the window starts at 16 MiB.</summary>
    public static JumpBed Create(ulong ramBytes, ulong windowBytes)
    {
        var machine = new MachineBuilder().WithMemory(ramBytes).Build();
        MachineDevices.CreateDefault(machine.Bus);
        var env = X86_64KernelEnvironment.Build(machine, 0x100000);
        var config = new KernelConfig
        {
            Ram = [new PhysicalRange(0, ramBytes)],
            Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, X86_64KernelEnvironment.AreaSize)],
        };
        var kernel = KernelModel.Create(config, machine.Memory, []);
        var driver = new X86_64JumpDriver(machine, env, kernel, new JumpSettings { MaxInstructions = ulong.MaxValue }, _ => { });
        var load = kernel.KexecLoad(0x1000000, [new KexecSegment([0xC3], 0x1000000, windowBytes)], KexecFlags.PreserveContext);
        if (load.ReturnValue != 0)
        {
            throw new InvalidOperationException($"load failed: {load}");
        }

        return new JumpBed(machine, kernel, driver);
    }

    /// <summary>One reboot(KEXEC) round trip; throws unless it returned 0.</summary>
    public void Jump()
    {
        var result = Kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, Driver.MachineKexec);
        if (result.ReturnValue != 0 || Driver.LastEnd?.Kind != JumpEndKind.Returned)
        {
            throw new InvalidOperationException($"jump failed: {Driver.LastEnd?.Message}");
        }
    }
}
