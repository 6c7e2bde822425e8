using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>A <c>kexec_load</c> with no segments, unloading the normal or the crash image.</summary>
/// <param name="Span">The step.</param>
/// <param name="Crash">Whether the crash image is unloaded (KEXEC_ON_CRASH).</param>
/// <param name="Expect">The expected result.</param>
/// <param name="ExpectSpan">Where the expected result was written.</param>
public sealed record UnloadPlan(SourceSpan Span, bool Crash, ExpectedResult Expect, SourceSpan ExpectSpan) : PlannedStep(Span)
{
    /// <inheritdoc />
    public override string Describe() => $"unload{(Crash ? " crash" : "")}, expect {Expect}";
}
