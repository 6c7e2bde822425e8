using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Kernel A's CPU and FPU state when it calls <c>reboot(KEXEC)</c>; unnamed registers keep the model's defaults.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Registers">Register values, in the order written.</param>
public sealed record CpuStateSpec(SourceSpan Span, IReadOnlyList<RegisterAssignment> Registers)
{
    /// <summary>No registers written.</summary>
    public static CpuStateSpec Default { get; } = new(SourceSpan.None, []);
}
