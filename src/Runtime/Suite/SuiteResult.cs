using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Suite;

/// <summary>One scenario's result in a suite run.</summary>
/// <param name="Index">Its place among the scenarios run, from 0.</param>
/// <param name="File">The file.</param>
/// <param name="Result">The result.</param>
/// <param name="Duration">The host time it took (the only value of a report that differs between two runs).</param>
public sealed record SuiteResult(int Index, SuiteFile File, ScenarioResult Result, TimeSpan Duration);
