using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Images;

/// <summary>
/// Checks image content by resolving it with an <see cref="ImageResolver"/>, exactly as a run would:
/// assembly errors at their file line and column, missing or damaged raw and ELF files, ELF segment
/// indexes, and entry labels (the image's own and those of loads of it). Content larger than
/// <c>memsz</c> is not reported: that is <c>kexec_load</c>'s own EINVAL, which a scenario may test.
/// </summary>
public sealed class ResolvingImageChecker : IImageContentChecker
{
    private readonly ImageResolver _resolver;
    private readonly Func<Scenario, string> _baseDirectory;

    /// <summary>
    /// Creates a checker over <paramref name="resolver"/>; relative paths are taken from
    /// <paramref name="baseDirectory"/> of the scenario, by default the folder of its file.
    /// </summary>
    public ResolvingImageChecker(ImageResolver resolver, Func<Scenario, string>? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        _baseDirectory = baseDirectory ?? ImageResolver.BaseDirectoryOf;
    }

    /// <inheritdoc />
    public void CheckImage(Scenario scenario, ImageSpec image, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(diagnostics);
        // Entries are resolved here rather than by Resolve, so that a bad image entry does not hide bad load entries.
        var resolution = _resolver.Resolve(scenario, _baseDirectory(scenario), image with { Entry = null });
        diagnostics.AddRange(resolution.Diagnostics);
        if (resolution.Image is not { } resolved)
        {
            return;
        }

        if (image.Entry is { } imageEntry)
        {
            ImageResolver.ResolveEntry(resolved, imageEntry, diagnostics);
        }

        foreach (var load in scenario.Steps.OfType<LoadStep>())
        {
            if (load.Image.Value == image.Name.Value && load.Entry is { Value.Symbol: not null } entry)
            {
                ImageResolver.ResolveEntry(resolved, entry, diagnostics);
            }
        }
    }

    /// <inheritdoc />
    public void CheckContent(Scenario scenario, Content content, ulong address, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(diagnostics);
        diagnostics.AddRange(_resolver.ResolveContent(scenario, _baseDirectory(scenario), content, address).Diagnostics);
    }
}
