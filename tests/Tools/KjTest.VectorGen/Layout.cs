namespace KjTest.VectorGen;

/// <summary>The fixed guest memory layout every vector assumes; written into each file's header.</summary>
internal static class Layout
{
    public const ulong CodeBase = 0x10_0000;
    public const ulong CodeSize = 0x1_0000;
    public const ulong InstructionAddress = 0x10_8000;
    public const ulong DataBase = 0x20_0000;
    public const int DataSize = 0x2000;
    public const ulong StackBase = 0x30_0000;
    public const int StackSize = 0x2000;

    /// <summary>The header line describing the layout.</summary>
    public static string Describe() =>
        $"layout: code 0x{CodeBase:x}+0x{CodeSize:x} (instruction at 0x{InstructionAddress:x}), data 0x{DataBase:x}+0x{DataSize:x}, stack 0x{StackBase:x}+0x{StackSize:x}";
}
