namespace KjTest.Runtime.Kernel.Pm;

/// <summary>One step of the resume half, optionally carrying the label that suspend failures jump to.</summary>
/// <param name="Label">The goto label at this step (e.g. "Resume_console"), or null.</param>
/// <param name="Step">The action.</param>
/// <param name="Name">The Linux function name in this era.</param>
public sealed record PmResumeStep(string? Label, KernelKexecStep Step, string Name);
