using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;

namespace KjTest.Fuzz;

/// <summary>The checks every target makes of a result besides "no exception": located diagnostics that render.</summary>
public static class Contract
{
    /// <summary>
    /// Every diagnostic is located (a path and a line) and renders against <paramref name="source"/>; a failure has at
    /// least one error.
    /// </summary>
    public static void Diagnostics(IReadOnlyList<Diagnostic> diagnostics, SourceText? source, bool failed)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            if (string.IsNullOrEmpty(diagnostic.Span.Path) || !diagnostic.Span.IsKnown)
            {
                throw new ContractViolationException($"unlocated diagnostic: {diagnostic}");
            }

            // Rendering reads the source line at the span: a span past the text would throw here.
            _ = DiagnosticRenderer.Render(diagnostic, source);
        }

        if (failed && !diagnostics.Any(d => d.IsError))
        {
            throw new ContractViolationException("failed without an error diagnostic");
        }
    }

    /// <summary>The contract for a front end's or checker's result.</summary>
    public static void Parsed(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Diagnostics(result.Diagnostics, result.Source, failed: !result.Succeeded);
    }
}
