using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>The output of <see cref="Assembler.Assemble"/>.</summary>
/// <param name="Bytes">The machine code and data, to be placed at the origin. When there are errors it holds what could be assembled (failed lines contribute no bytes).</param>
/// <param name="Labels">Every label (local labels as <c>global.local</c>) with its address; <c>equ</c> constants are not included.</param>
/// <param name="Diagnostics">Problems found, in source order within each kind of check.</param>
public sealed record AssemblyResult(byte[] Bytes, IReadOnlyDictionary<string, ulong> Labels, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the text assembled without errors.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
