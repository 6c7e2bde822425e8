using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>The result of <see cref="ImageResolver.Resolve"/>: the image, or the diagnostics saying why there is none.</summary>
/// <param name="Image">The resolved image; null when an error was reported.</param>
/// <param name="Diagnostics">Problems found, in the order of the image's parts.</param>
public sealed record ImageResolution(ResolvedImage? Image, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the image was resolved without errors.</summary>
    public bool Succeeded => Image is not null && !Diagnostics.Any(d => d.IsError);
}
