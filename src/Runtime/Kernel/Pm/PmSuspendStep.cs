namespace KjTest.Runtime.Kernel.Pm;

/// <summary>One step of the suspend half: on failure, <c>kernel_kexec()</c> jumps to <paramref name="OnFailure"/>.</summary>
/// <param name="Step">The action.</param>
/// <param name="Name">The Linux function name in this era.</param>
/// <param name="OnFailure">The resume-half label jumped to when the step fails, or null when it cannot fail.</param>
public sealed record PmSuspendStep(KernelKexecStep Step, string Name, string? OnFailure = null);
