using System.Globalization;

namespace KjTest.Abi.Elf;

/// <summary>One reason an ELF file cannot be loaded, with the values its message names.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Arguments">The values, in the order <see cref="ElfProblemKind"/> lists them.</param>
public sealed record ElfProblem(ElfProblemKind Kind, IReadOnlyList<object> Arguments)
{
    /// <summary>The message format of <paramref name="kind"/>: {0} is the file's name, then the arguments.</summary>
    public static string Format(ElfProblemKind kind) => kind switch
    {
        ElfProblemKind.NotElf => "{0} is not an ELF file: {1}",
        ElfProblemKind.Truncated => "{0} is truncated: {1}",
        ElfProblemKind.UnsupportedFormat => "{0}: {1}",
        ElfProblemKind.UnsupportedMachine => "{0}: machine {1} is not x86 (3) or x86-64 (62)",
        ElfProblemKind.UnsupportedType => "{0}: ELF type {1} is not loadable; expected ET_EXEC (2) or ET_DYN (3)",
        ElfProblemKind.SegmentBeyondFile => "{0}: program header {1} covers file bytes {2}..{3} but the file has {4} bytes",
        ElfProblemKind.MemorySizeBelowFileSize => "{0}: program header {1} has p_memsz {2} smaller than p_filesz {3}",
        ElfProblemKind.NoLoadSegments => "{0} has no PT_LOAD program header",
        _ => "{0} is malformed: {1}",
    };

    /// <summary>The message for a file called <paramref name="name"/>.</summary>
    public string Describe(string name) => string.Format(CultureInfo.InvariantCulture, Format(Kind), [name, .. Arguments]);
}
