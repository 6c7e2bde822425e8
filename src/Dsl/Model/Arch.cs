namespace KjTest.Dsl.Model;

/// <summary>The architecture kernel A runs in, which fixes the relocate routine's mode and the register set.</summary>
public enum Arch
{
    /// <summary>x86-64 long mode.</summary>
    X86_64,

    /// <summary>i386 32-bit protected mode.</summary>
    I386,
}
