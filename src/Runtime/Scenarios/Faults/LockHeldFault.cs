using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>lock_held</c>: another task holds the kexec lock during the next load or jump (EBUSY).</summary>
/// <param name="Span">The fault step.</param>
/// <param name="During">The call that finds it held: <c>load</c> or <c>jump</c>.</param>
public sealed record LockHeldFault(SourceSpan Span, string During) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "lock_held";

    /// <inheritdoc />
    public override string Describe() => $"fault lock_held during={During}";

    internal static PlannedFault? Plan(FaultPlanning p) => new LockHeldFault(p.Step.Span, p.Text("during") ?? "load");

    internal override void Arm(IFaultTarget target) => target.HoldLockDuring(During);
}
