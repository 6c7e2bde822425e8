using KjTest.Dsl.Model;

namespace KjTest.Runtime.Scenarios;

/// <summary>What running one scenario produced, and whether that is what the scenario states it produces.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Actual">The outcome that happened.</param>
/// <param name="Expected">The outcome the scenario states (its <c>outcome:</c>, default pass).</param>
/// <param name="Passed">Whether the actual outcome is the expected one (for gap and fail: with the stated fields).</param>
/// <param name="Messages">What went wrong or was noteworthy, in order, each with the span of the step it concerns.</param>
/// <param name="Gap">The gap of the last jump checked by a <c>preserved</c> expectation, if any differed.</param>
/// <param name="Crash">The CPU's system state at the crash compared with A's before the jump, when a jump triple-faulted or died in an exception.</param>
/// <param name="Stats">Work done.</param>
/// <param name="Console">Everything the guests wrote to a console, in order (empty when nothing ran).</param>
public sealed record ScenarioResult(
    string Name,
    OutcomeKind Actual,
    ExpectedOutcome Expected,
    bool Passed,
    IReadOnlyList<RunMessage> Messages,
    Gap? Gap,
    CrashState? Crash,
    ScenarioStats Stats,
    string Console = "");
