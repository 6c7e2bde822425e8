namespace KjTest.Abi.Elf;

/// <summary>Why an ELF file cannot be loaded; each kind has one diagnostic in the scenario language.</summary>
public enum ElfProblemKind
{
    /// <summary>No ELF magic. Argument: what is wrong.</summary>
    NotElf,

    /// <summary>The file ends too early. Argument: what is missing.</summary>
    Truncated,

    /// <summary>Class, byte order, version or header sizes KjTest does not read. Argument: what.</summary>
    UnsupportedFormat,

    /// <summary>Not x86 or x86-64. Argument: e_machine.</summary>
    UnsupportedMachine,

    /// <summary>Neither ET_EXEC nor ET_DYN. Argument: e_type.</summary>
    UnsupportedType,

    /// <summary>A PT_LOAD header's file range passes the end of the file. Arguments: header index, start, end, file length.</summary>
    SegmentBeyondFile,

    /// <summary>A PT_LOAD header's p_memsz is below its p_filesz. Arguments: header index, p_memsz, p_filesz.</summary>
    MemorySizeBelowFileSize,

    /// <summary>No PT_LOAD header at all.</summary>
    NoLoadSegments,

    /// <summary>The library could not read a file the checks accepted. Argument: its message.</summary>
    Malformed,
}
