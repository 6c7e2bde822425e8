using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Machine;

/// <summary>Composes an <see cref="X86Machine"/>: RAM size, CPU model, devices and interrupt controller.</summary>
public sealed class MachineBuilder
{
    private readonly List<IDevice> _devices = [];
    private ulong _memorySize = 256UL << 20;
    private CpuModel _model = CpuModel.Default;
    private IInterruptController? _interruptController;

    /// <summary>Sets the RAM size in bytes (default 256 MiB).</summary>
    public MachineBuilder WithMemory(ulong bytes)
    {
        _memorySize = bytes;
        return this;
    }

    /// <summary>Sets the CPUID model.</summary>
    public MachineBuilder WithCpuModel(CpuModel model)
    {
        _model = model;
        return this;
    }

    /// <summary>Attaches a port or MMIO device.</summary>
    public MachineBuilder WithDevice(IDevice device)
    {
        _devices.Add(device);
        return this;
    }

    /// <summary>Connects the interrupt controller the CPU asks when RFLAGS.IF is set.</summary>
    public MachineBuilder WithInterruptController(IInterruptController controller)
    {
        _interruptController = controller;
        return this;
    }

    /// <summary>Creates the machine in its power-on state.</summary>
    public X86Machine Build()
    {
        var bus = new IoBus();
        foreach (var device in _devices)
        {
            if (device is IPortDevice port)
            {
                bus.Attach(port);
            }

            if (device is IMmioDevice mmio)
            {
                bus.Attach(mmio);
            }
        }

        var cpu = new X86Cpu(new PhysicalMemory(_memorySize), bus, _model) { InterruptController = _interruptController };
        return new X86Machine(cpu);
    }
}
