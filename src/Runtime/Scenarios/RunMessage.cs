using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios;

/// <summary>One message of a run, with the id of its kind in the catalogue and the step it concerns.</summary>
/// <param name="Span">The step or expectation it concerns.</param>
/// <param name="Id">The catalogue id (KJ16xx for a run, KJ17xx and below for a scenario that did not plan).</param>
/// <param name="Text">The message.</param>
public sealed record RunMessage(SourceSpan Span, string Id, string Text)
{
    /// <summary>The message as reports print it: the id, then the text.</summary>
    public override string ToString() => $"{Id}: {Text}";
}
