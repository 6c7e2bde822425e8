namespace KjTest.Abi.Elf;

/// <summary>One PT_LOAD program header with its file bytes.</summary>
/// <param name="HeaderIndex">Index of the program header in the file's table (counting all types).</param>
/// <param name="PhysicalAddress">p_paddr, where kexec places the segment.</param>
/// <param name="VirtualAddress">p_vaddr.</param>
/// <param name="Data">The p_filesz bytes at p_offset.</param>
/// <param name="MemorySize">p_memsz; the bytes after <see cref="Data"/> up to this size are zero.</param>
/// <param name="Permissions">p_flags permission bits.</param>
/// <param name="FileOffset">p_offset.</param>
public sealed record ElfLoadSegment(int HeaderIndex, ulong PhysicalAddress, ulong VirtualAddress, byte[] Data, ulong MemorySize, ElfSegmentPermissions Permissions, ulong FileOffset);
