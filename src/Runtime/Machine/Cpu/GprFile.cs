using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The sixteen general-purpose registers stored inline in the CPU object (no separate array to load).</summary>
[InlineArray(16)]
internal struct GprFile
{
    private ulong _element;
}
