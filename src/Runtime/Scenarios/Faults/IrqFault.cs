using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>irq</c>: a device raises an IRQ line at a point of the next jump (B15) and holds it until A's handler services it.</summary>
/// <param name="Span">The fault step.</param>
/// <param name="Line">The IRQ line, 0-15.</param>
/// <param name="At">The point.</param>
public sealed record IrqFault(SourceSpan Span, int Line, FaultPoint At) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "irq";

    /// <inheritdoc />
    public override string Describe() => $"fault irq irq={Line} at={FaultPoints.NameOf(At)}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var line = p.Number("irq");
        var at = p.Point();
        if (line > 15)
        {
            p.Error(PlanCatalogue.IrqLine, p.SpanOf("irq"), line);
            return null;
        }

        return at is { } point ? new IrqFault(p.Step.Span, (int)line, point) : null;
    }

    internal override void Arm(IFaultTarget target) => target.ArmAt(At, _ => target.RaiseIrq(Line));
}
