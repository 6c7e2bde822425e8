using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>One expectation of an expect step, typed; it evaluates itself against the machine.</summary>
/// <param name="Span">Where the expectation was written.</param>
public abstract record PlannedCheck(SourceSpan Span)
{
    /// <summary>The expectation as <c>kjtest explain</c> lists it.</summary>
    public abstract string Describe();

    /// <summary>Checks it now, reporting failures through <paramref name="context"/>.</summary>
    internal abstract void Evaluate(IExpectContext context);

    /// <summary>A value as reports print it.</summary>
    protected static string Hex(UInt128 value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
