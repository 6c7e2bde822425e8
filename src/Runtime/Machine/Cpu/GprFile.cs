using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// The sixteen general-purpose registers stored inline in the CPU object (no separate array to load), and a
/// seventeenth element that stays zero: the base or index of an address that has none, so address arithmetic needs no branch.
/// </summary>
[InlineArray(17)]
internal struct GprFile
{
    private ulong _element;
}
