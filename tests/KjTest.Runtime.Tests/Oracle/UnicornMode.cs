namespace KjTest.Runtime.Tests.Oracle;

/// <summary>Unicorn's x86 modes (uc_mode values).</summary>
internal enum UnicornMode
{
    /// <summary>32-bit protected mode with flat segments.</summary>
    Bits32 = 4,

    /// <summary>64-bit long mode.</summary>
    Bits64 = 8,
}
