using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>Limits for running the scenario's guest code.</summary>
/// <param name="Span">Where the limits were written.</param>
/// <param name="MaxInstructions">Instruction budget for the whole scenario, or null for the default.</param>
/// <param name="TimeoutMilliseconds">Time limit of each jump in emulated milliseconds (instructions retired at one per nanosecond), or null for none.</param>
/// <param name="ConsoleBytes">Console bytes kept per console (all output, and each device), or null for the default.</param>
public sealed record RunLimits(SourceSpan Span, Located<ulong>? MaxInstructions, Located<ulong>? TimeoutMilliseconds, Located<ulong>? ConsoleBytes = null)
{
    /// <summary>No limits written: the runtime's defaults apply.</summary>
    public static RunLimits Default { get; } = new(SourceSpan.None, null, null);

    /// <summary>Console bytes kept when a scenario states no limit: 4 MiB per console.</summary>
    public const ulong DefaultConsoleBytes = 4UL << 20;
}
