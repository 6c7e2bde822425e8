namespace KjTest.Abi.Elf;

/// <summary>The ELF header fields checked before the file is handed to ELFSharp.</summary>
internal sealed record ElfHeader(ElfClass Class, ushort Machine, ulong Entry, ulong ProgramHeaderOffset, ushort ProgramHeaderEntrySize, ushort ProgramHeaderCount);
