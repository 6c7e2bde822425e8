namespace KjTest.Abi.Elf;

/// <summary>The p_flags permission bits of a program header.</summary>
[Flags]
public enum ElfSegmentPermissions
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary>PF_X.</summary>
    Execute = 1,

    /// <summary>PF_W.</summary>
    Write = 2,

    /// <summary>PF_R.</summary>
    Read = 4,
}
