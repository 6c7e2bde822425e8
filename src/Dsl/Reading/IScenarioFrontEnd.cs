using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Reading;

/// <summary>A scenario syntax: reads a file's text into the model, reporting problems as diagnostics.</summary>
public interface IScenarioFrontEnd
{
    /// <summary>File extensions this syntax reads, with the dot, lower case.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads a scenario. Never throws for bad input.</summary>
    ParseResult Parse(SourceText source);
}
