using KjTest.Runtime.Kernel.Jump;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>Which instructions of a run a trace shows.</summary>
/// <param name="From">Start at the first instruction at this point (null: at the first instruction of the run).</param>
/// <param name="To">End with the first instruction at this point after the start (null: at the end of the run).</param>
/// <param name="First">Show at most this many instructions from the start; the rest are counted.</param>
/// <param name="Last">Show only the last this many instructions of the window (null: the first <paramref name="First"/>).</param>
public sealed record TraceOptions(TransitionPoint? From = null, TransitionPoint? To = null, int First = TraceOptions.DefaultFirst, int? Last = null)
{
    /// <summary>The cap on lines shown when no count is given: a relocate routine's whole round trip fits.</summary>
    public const int DefaultFirst = 10_000;
}
