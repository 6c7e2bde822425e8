using KjTest.Runtime.Kernel.Pm;

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
}
