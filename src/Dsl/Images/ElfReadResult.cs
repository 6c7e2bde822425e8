using KjTest.Abi.Elf;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images;

/// <summary>An ELF executable read into loadable segments, or the diagnostics saying why it cannot be.</summary>
/// <param name="Class">ELF32 or ELF64; <see cref="ElfClass.Unknown"/> when the header could not be read.</param>
/// <param name="Machine">e_machine (3 for x86, 62 for x86-64).</param>
/// <param name="Entry">e_entry.</param>
/// <param name="Segments">The PT_LOAD segments in program-header order; empty on error.</param>
/// <param name="Diagnostics">Problems found, in order.</param>
public sealed record ElfReadResult(ElfClass Class, ushort Machine, ulong Entry, IReadOnlyList<ElfLoadSegment> Segments, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file was read without errors.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
