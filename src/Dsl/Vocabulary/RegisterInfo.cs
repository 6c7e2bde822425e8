using KjTest.Dsl.Model;

namespace KjTest.Dsl.Vocabulary;

/// <summary>A register a scenario may set or check.</summary>
/// <param name="Name">Lower-case name as written in scenarios.</param>
/// <param name="Bits">Width in bits; values wider are refused.</param>
/// <param name="OnX86_64">Present in 64-bit mode.</param>
/// <param name="OnI386">Present in 32-bit mode.</param>
/// <param name="Class">The state class it belongs to.</param>
/// <param name="MsrIndex">The MSR number for <c>msr.*</c> registers, else null.</param>
/// <param name="NativeWidth">True when the register is 32 bits wide on i386 (control, debug, base registers).</param>
public sealed record RegisterInfo(string Name, int Bits, bool OnX86_64, bool OnI386, StateClass Class, uint? MsrIndex = null, bool NativeWidth = false)
{
    /// <summary>True when the register exists on <paramref name="arch"/>.</summary>
    public bool ExistsOn(Arch arch) => arch == Arch.X86_64 ? OnX86_64 : OnI386;

    /// <summary>Width in bits on <paramref name="arch"/>.</summary>
    public int BitsOn(Arch arch) => NativeWidth && arch == Arch.I386 ? 32 : Bits;

    /// <summary>The largest value the register holds on <paramref name="arch"/>.</summary>
    public UInt128 MaxValueOn(Arch arch)
    {
        var bits = BitsOn(arch);
        return bits >= 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
    }
}
