using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>What a planned fault arms in a running scenario, for the next jump (or the next load).</summary>
internal interface IFaultTarget
{
    /// <summary>Runs <paramref name="action"/> when the next jump reaches <paramref name="point"/>; <paramref name="nmi"/> marks an NMI the CPU must take there.</summary>
    void ArmAt(FaultPoint point, Action<X86Cpu> action, bool nmi = false);

    /// <summary>Makes a device's PM callback fail in the next jump.</summary>
    void FailDevice(int device, string callback, int errno);

    /// <summary>Makes a kernel_kexec step fail in the next jump.</summary>
    void FailStep(string step, int errno);

    /// <summary>Kernel A.</summary>
    KernelModel Kernel { get; }

    /// <summary>Guest RAM.</summary>
    PhysicalMemory Memory { get; }

    /// <summary>Holds the kexec lock during the next <c>load</c> or <c>jump</c>.</summary>
    void HoldLockDuring(string call);

    /// <summary>Runs <paramref name="loss"/> when the next jump returns to A.</summary>
    void OnReturn(Action loss);

    /// <summary>The machine's standard devices.</summary>
    MachineDevices Devices { get; }

    /// <summary>The scenario's programmable device named <paramref name="name"/>.</summary>
    ProgrammableDevice Programmable(string name);

    /// <summary>Raises IRQ <paramref name="line"/> as a device's request that A's handler services (the programmable device on that line, else the PIC input).</summary>
    void RaiseIrq(int line);
}
