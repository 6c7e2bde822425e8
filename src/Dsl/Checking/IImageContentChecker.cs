using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Checking;

/// <summary>
/// Checks what only resolving image content can tell: that assembly assembles, hex parses, files and
/// ELF program headers exist and fit, and entry labels are defined. Supplied by the images layer;
/// <see cref="ScenarioChecker"/> runs without it when none is given.
/// </summary>
/// <remarks>Implementations report problems into the bag they are given and never throw for bad input.</remarks>
public interface IImageContentChecker
{
    /// <summary>Checks an image as a whole: its ELF file, its segments' content, its entry label.</summary>
    void CheckImage(Scenario scenario, ImageSpec image, DiagnosticBag diagnostics);

    /// <summary>Checks content outside images: memory inits and expected memory bytes, which land at <paramref name="address"/>.</summary>
    void CheckContent(Scenario scenario, Content content, ulong address, DiagnosticBag diagnostics);
}
