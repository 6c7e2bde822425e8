using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>A fault step, typed by its kind (<see cref="FaultInjectors"/>); it arms itself in a running scenario.</summary>
/// <param name="Span">The fault step.</param>
public abstract record PlannedFault(SourceSpan Span) : PlannedStep(Span)
{
    /// <summary>The fault kind's name.</summary>
    public abstract string Kind { get; }

    /// <summary>Arms the fault for the next jump (or load).</summary>
    internal abstract void Arm(IFaultTarget target);
}
