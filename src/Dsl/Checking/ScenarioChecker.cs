using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;

namespace KjTest.Dsl.Checking;

/// <summary>
/// Semantic checks of a scenario model, independent of the syntax it was written in: names against
/// the vocabulary tables (with "did you mean" hints), references between parts, widths, memory
/// bounds and step order. <c>kexec_load</c>'s own rules are deliberately not checked: a scenario may
/// load a bad segment list on purpose.
/// </summary>
public sealed class ScenarioChecker
{
    private readonly IImageContentChecker? _images;

    /// <summary>Creates a checker; <paramref name="images"/> checks image content when given.</summary>
    public ScenarioChecker(IImageContentChecker? images = null)
    {
        _images = images;
    }

    /// <summary>Every problem found in <paramref name="scenario"/>, in source order of the checks.</summary>
    public IReadOnlyList<Diagnostic> Check(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var diagnostics = new DiagnosticBag();
        new ScenarioCheck(scenario, diagnostics).Run();
        if (_images is not null)
        {
            foreach (var image in scenario.Images)
            {
                _images.CheckImage(scenario, image, diagnostics);
            }

            foreach (var init in scenario.Memory)
            {
                _images.CheckContent(scenario, init.Content, init.Address.Value, diagnostics);
            }

            foreach (var expect in scenario.Steps.OfType<ExpectStep>())
            {
                foreach (var memory in expect.Expectations.OfType<MemoryExpectation>())
                {
                    if (memory.Bytes is { } bytes)
                    {
                        _images.CheckContent(scenario, bytes, memory.Address.Value, diagnostics);
                    }
                }
            }
        }

        return diagnostics.Items;
    }

    /// <summary>
    /// Adds the semantic diagnostics to a parse result. A file that did not parse cleanly is returned
    /// unchanged: checking a partly read model would report consequences of the syntax errors.
    /// </summary>
    public ParseResult Check(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Scenario is null || result.Diagnostics.Any(d => d.IsError))
        {
            return result;
        }

        var found = Check(result.Scenario);
        return found.Count == 0 ? result : result with { Diagnostics = [.. result.Diagnostics, .. found] };
    }
}
