namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>What a traced run did.</summary>
/// <param name="Result">The scenario's result, the same as an untraced run's.</param>
/// <param name="Shown">Instructions written.</param>
/// <param name="Omitted">Instructions in the window that were not written (past the count, or before the last N).</param>
/// <param name="Started">Whether the window opened: false when the <c>--from</c> point was never reached.</param>
/// <param name="Ended">Whether the <c>--to</c> point closed the window.</param>
public sealed record TraceSummary(ScenarioResult Result, long Shown, long Omitted, bool Started, bool Ended);
