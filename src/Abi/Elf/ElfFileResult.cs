namespace KjTest.Abi.Elf;

/// <summary>What <see cref="ElfFile.Parse"/> found: the class, machine, entry and PT_LOAD segments, or the problems.</summary>
/// <param name="Class">ELF32 or ELF64 (Unknown after a problem).</param>
/// <param name="Machine">e_machine.</param>
/// <param name="Entry">e_entry.</param>
/// <param name="Segments">The PT_LOAD segments in program-header order.</param>
/// <param name="Problems">Why the file cannot be loaded; empty on success.</param>
public sealed record ElfFileResult(ElfClass Class, ushort Machine, ulong Entry, IReadOnlyList<ElfLoadSegment> Segments, IReadOnlyList<ElfProblem> Problems)
{
    /// <summary>Whether the file can be loaded.</summary>
    public bool Succeeded => Problems.Count == 0;
}
