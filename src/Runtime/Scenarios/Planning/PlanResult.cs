using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>A plan, or the diagnostics that say why there is none; warnings may come with a plan.</summary>
/// <param name="Plan">The plan, or null when any diagnostic is an error or the scenario states <c>outcome: skip</c>.</param>
/// <param name="Diagnostics">Errors and warnings, in source order of the checks.</param>
public sealed record PlanResult(RunPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether there is a plan.</summary>
    public bool Succeeded => Plan is not null;
}
