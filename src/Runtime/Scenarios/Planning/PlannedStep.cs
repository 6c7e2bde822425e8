using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>One step of a <see cref="RunPlan"/>, its parameters already typed; the runner executes it as it stands.</summary>
/// <param name="Span">Where the scenario wrote the step.</param>
public abstract record PlannedStep(SourceSpan Span)
{
    /// <summary>The step as <c>kjtest explain</c> lists it.</summary>
    public abstract string Describe();
}
