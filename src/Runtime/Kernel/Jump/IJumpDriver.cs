using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>Kernel A's machine_kexec for one architecture.</summary>
public interface IJumpDriver
{
    /// <summary>How the last machine_kexec ended.</summary>
    JumpEnd? LastEnd { get; }

    /// <summary>Instructions the guest retired during jumps.</summary>
    ulong Instructions { get; }

    /// <summary>The machine_kexec delegate for <see cref="KernelModel.Reboot"/>.</summary>
    MachineKexecResult MachineKexec(KimageLayout layout);

    /// <summary>
    /// Runs <paramref name="action"/> once, when the next machine_kexec's guest code reaches <paramref name="point"/>
    /// (before the instruction there); several actions at one point run in the order they were armed.
    /// </summary>
    void At(TransitionPoint point, Action<X86Cpu> action);

    /// <summary>Disarms every action armed with <see cref="At"/> that has not run.</summary>
    void ClearPoints();

    /// <summary>Called by each machine_kexec once its guest code is in place, before it runs; null (the default) for no tracer.</summary>
    Action<PlacedCode>? CodePlaced { get; set; }
}
