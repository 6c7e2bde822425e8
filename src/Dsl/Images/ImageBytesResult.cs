using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>Bytes read from hex text or a raw file, or the diagnostics saying why there are none.</summary>
/// <param name="Bytes">The bytes; null when an error was reported.</param>
/// <param name="Diagnostics">Problems found, in order.</param>
public sealed record ImageBytesResult(byte[]? Bytes, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when bytes were produced without errors.</summary>
    public bool Succeeded => Bytes is not null && !Diagnostics.Any(d => d.IsError);
}
