using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>nmi</c>: an NMI arrives at a point of the next jump (B15).</summary>
/// <param name="Span">The fault step.</param>
/// <param name="At">The point.</param>
public sealed record NmiFault(SourceSpan Span, FaultPoint At) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "nmi";

    /// <inheritdoc />
    public override string Describe() => $"fault nmi at={FaultPoints.NameOf(At)}";

    internal static PlannedFault? Plan(FaultPlanning p) => p.Point() is { } at ? new NmiFault(p.Step.Span, at) : null;

    internal override void Arm(IFaultTarget target) => target.ArmAt(At, cpu => cpu.InjectNmi(), nmi: true);
}
