namespace KjTest.Abi.Elf;

/// <summary>The ELF file class (word size).</summary>
public enum ElfClass
{
    /// <summary>Not known, because the file could not be read.</summary>
    Unknown = 0,

    /// <summary>ELFCLASS32.</summary>
    Elf32 = 1,

    /// <summary>ELFCLASS64.</summary>
    Elf64 = 2,
}
