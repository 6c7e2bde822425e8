namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>How a narrower source widens (MOVZX or MOVSX/MOVSXD), known at JIT time.</summary>
internal interface IExtension
{
    /// <summary>Widens a value of size <typeparamref name="TSource"/> to 64 bits.</summary>
    static abstract ulong Extend<TSource>(ulong value)
        where TSource : struct, IOperandSize;
}
