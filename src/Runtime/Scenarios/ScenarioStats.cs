namespace KjTest.Runtime.Scenarios;

/// <summary>Work done by one run.</summary>
/// <param name="Instructions">Guest instructions retired.</param>
/// <param name="EmulatedNanoseconds">Emulated time, at the model's fixed rate of one instruction per nanosecond.</param>
/// <param name="PagesSwapped">Pages exchanged by swap_pages (both directions, all jumps).</param>
public sealed record ScenarioStats(ulong Instructions, ulong EmulatedNanoseconds, ulong PagesSwapped);
