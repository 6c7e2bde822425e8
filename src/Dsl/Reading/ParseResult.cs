using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Reading;

/// <summary>What reading a scenario file gives: the model when it could be built, and every diagnostic.</summary>
/// <param name="Scenario">The model, or null when the file could not be read into one.</param>
/// <param name="Diagnostics">Problems found, in order.</param>
/// <param name="Source">The file's text, for rendering diagnostics; null when the file could not be read.</param>
public sealed record ParseResult(Scenario? Scenario, IReadOnlyList<Diagnostic> Diagnostics, SourceText? Source)
{
    /// <summary>True when there is a model and no error.</summary>
    public bool Succeeded => Scenario is not null && !Diagnostics.Any(d => d.IsError);
}
