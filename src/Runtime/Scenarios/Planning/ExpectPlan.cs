using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Checks;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>An expect step: its checks, in the order written.</summary>
/// <param name="Span">The step.</param>
/// <param name="Checks">The checks.</param>
public sealed record ExpectPlan(SourceSpan Span, IReadOnlyList<PlannedCheck> Checks) : PlannedStep(Span)
{
    /// <inheritdoc />
    public override string Describe() => "expect " + string.Join(", ", Checks.Select(c => c.Describe()));
}
