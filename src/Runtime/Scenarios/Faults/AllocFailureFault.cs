using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>alloc_failure</c>: a page allocation of the next kexec_load fails (the ENOMEM rows of reference 2.3).</summary>
/// <param name="Span">The fault step.</param>
/// <param name="What">Which allocation.</param>
/// <param name="After">How many such allocations succeed first.</param>
public sealed record AllocFailureFault(SourceSpan Span, KernelAllocation What, ulong After) : PlannedFault(Span)
{
    private static readonly Dictionary<string, KernelAllocation> Kinds = new(StringComparer.Ordinal)
    {
        ["kimage"] = KernelAllocation.Kimage,
        ["control"] = KernelAllocation.Control,
        ["swap"] = KernelAllocation.Swap,
        ["indirection"] = KernelAllocation.Indirection,
        ["source"] = KernelAllocation.Source,
    };

    /// <inheritdoc />
    public override string Kind => "alloc_failure";

    /// <inheritdoc />
    public override string Describe() => $"fault alloc_failure what={What.ToString().ToLowerInvariant()} after={After}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var what = p.Text("what") ?? "";
        return Kinds.TryGetValue(what, out var kind)
            ? new AllocFailureFault(p.Step.Span, kind, p.Number("after", 0))
            : throw new InvalidOperationException($"alloc_failure: '{what}' reached the planner unchecked");
    }

    internal override void Arm(IFaultTarget target) => target.Kernel.AllocationFailures.Arm(What, After);
}
