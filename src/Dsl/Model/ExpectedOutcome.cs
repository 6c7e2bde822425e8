using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// The outcome the scenario is written to produce. A scenario that demonstrates a known bug expects
/// <c>gap</c> (or <c>crash</c>) and names the fields that must differ; the run passes when exactly that happens.
/// A scenario that cannot run yet expects <c>skip</c> and says why.
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Kind">The outcome.</param>
/// <param name="Fields">For a gap: fields that must be reported (register names, <c>memory</c>, <c>memory:0xADDR</c>, <c>device.register</c>).</param>
/// <param name="Reason">For a skip: why the scenario is not run; null when not written.</param>
public sealed record ExpectedOutcome(SourceSpan Span, Located<OutcomeKind> Kind, IReadOnlyList<Located<string>> Fields, Located<string>? Reason = null)
{
    /// <summary>The default: pass.</summary>
    public static ExpectedOutcome Pass { get; } = new(SourceSpan.None, new Located<OutcomeKind>(OutcomeKind.Pass, SourceSpan.None), []);
}
