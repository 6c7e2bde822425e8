namespace KjTest.Dsl.Model;

/// <summary>
/// One row of a per-era outcome table: on <paramref name="Era"/> the scenario is written to produce
/// <paramref name="Outcome"/>. A table lets one file document a bug across the kernel's history.
/// </summary>
/// <param name="Era">The era the row is for, where it was written.</param>
/// <param name="Outcome">The outcome stated for that era.</param>
public sealed record EraOutcome(Located<Era> Era, ExpectedOutcome Outcome);
