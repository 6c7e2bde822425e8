using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// <c>relocate_bug</c>: the era's relocate routine is built with a known bug of reference section 7 for the whole
/// scenario; the step itself arms nothing.
/// </summary>
/// <param name="Span">The fault step.</param>
/// <param name="Id">The catalogue id.</param>
/// <param name="Bug">The routine variant, <see cref="RelocateBug.None"/> when the bug is the era's own behaviour.</param>
public sealed record RelocateBugFault(SourceSpan Span, string Id, RelocateBug Bug) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "relocate_bug";

    /// <inheritdoc />
    public override string Describe() => $"fault relocate_bug bug={Id}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var id = p.Text("bug") ?? "";
        var support = p.Era.Bug(id) ?? throw new InvalidOperationException($"relocate_bug: '{id}' reached the planner unchecked");
        switch (support.Status)
        {
            case BugStatus.Injectable:
                if (support.Routine == RelocateBug.B6 && !p.State.AnyPlainLoad)
                {
                    p.Error(PlanCatalogue.BugNeverReached, p.SpanOf("bug"), support.Id);
                }

                return new RelocateBugFault(p.Step.Span, support.Id, support.Routine);
            case BugStatus.EraBehaviour:
                p.Error(PlanCatalogue.BugIsEraBehaviour, p.SpanOf("bug"), support.Id, p.Era.Name, support.Reason);
                return new RelocateBugFault(p.Step.Span, support.Id, RelocateBug.None);
            default:
                p.Error(PlanCatalogue.BugNotInjectable, p.SpanOf("bug"), support.Id, p.Era.Name, support.Reason);
                return null;
        }
    }

    // The routine is built with the bug when the machine is (RunPlan.Bug); nothing is armed per jump.
    internal override void Arm(IFaultTarget target)
    {
    }
}
