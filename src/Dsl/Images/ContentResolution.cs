using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>The result of <see cref="ImageResolver.ResolveContent"/>: the bytes, or the diagnostics saying why there are none.</summary>
/// <param name="Bytes">The bytes; null when an error was reported.</param>
/// <param name="Labels">For assembly, every label with its address; empty for other content.</param>
/// <param name="Diagnostics">Problems found, in order.</param>
public sealed record ContentResolution(byte[]? Bytes, IReadOnlyDictionary<string, ulong> Labels, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when bytes were produced without errors.</summary>
    public bool Succeeded => Bytes is not null && !Diagnostics.Any(d => d.IsError);
}
