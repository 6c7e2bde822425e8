using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using DslImageResolver = KjTest.Dsl.Images.ImageResolver;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// Turns scenario images into kexec segments with the one resolver <c>kjtest check</c> uses
/// (<see cref="DslImageResolver"/>), so a run resolves images exactly as the check did; diagnostics become messages.
/// </summary>
public static class ImageResolver
{
    // The Dsl resolver caches file reads and is safe to share between scenarios run in parallel.
    private static readonly DslImageResolver Shared = new();

    /// <summary>The segments and entry of <paramref name="image"/>, or an error text.</summary>
    public static (IReadOnlyList<KexecSegment>? Segments, ulong Entry, string? Error) Resolve(Scenario scenario, ImageSpec image, string baseDirectory) =>
        Resolve(scenario, image, baseDirectory, new Dictionary<string, ulong>(StringComparer.Ordinal));

    /// <summary>As <see cref="Resolve(Scenario, ImageSpec, string)"/>, collecting the assembly labels into <paramref name="labels"/>.</summary>
    public static (IReadOnlyList<KexecSegment>? Segments, ulong Entry, string? Error) Resolve(Scenario scenario, ImageSpec image, string baseDirectory, Dictionary<string, ulong> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var resolution = Shared.Resolve(scenario, baseDirectory, image);
        if (resolution.Image is not { } resolved)
        {
            return (null, 0, First(resolution.Diagnostics));
        }

        foreach (var (name, value) in resolved.Labels)
        {
            labels[name] = value;
        }

        return (resolved.Segments.Select(s => new KexecSegment(s.Bytes, s.Mem, s.MemSize)).ToList(), resolved.Entry, null);
    }

    /// <summary>The bytes of one content item placed at <paramref name="origin"/>.</summary>
    public static (byte[]? Bytes, string? Error) Content(Scenario scenario, Content? content, ulong origin, string baseDirectory)
    {
        if (content is null)
        {
            return ([], null);
        }

        var resolution = Shared.ResolveContent(scenario, baseDirectory, content, origin);
        return resolution.Succeeded ? (resolution.Bytes, null) : (null, First(resolution.Diagnostics));
    }

    private static string First(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.IsError) is { } d ? $"{d.Id}: {d.Message}" : "image content could not be read";
}
