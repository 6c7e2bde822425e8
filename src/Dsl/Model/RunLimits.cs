using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Limits for running the scenario's guest code.</summary>
/// <param name="Span">Where the limits were written.</param>
/// <param name="MaxInstructions">Instruction budget for the whole scenario, or null for the default.</param>
/// <param name="TimeoutMilliseconds">Time limit of each jump in emulated milliseconds (instructions retired at one per nanosecond), or null for none.</param>
public sealed record RunLimits(SourceSpan Span, Located<ulong>? MaxInstructions, Located<ulong>? TimeoutMilliseconds)
{
    /// <summary>No limits written: the runtime's defaults apply.</summary>
    public static RunLimits Default { get; } = new(SourceSpan.None, null, null);
}
