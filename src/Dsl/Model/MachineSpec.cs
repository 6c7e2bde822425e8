using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>The emulated machine: RAM, memory map, CPU model and devices.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="RamSize">Bytes of RAM, or null for the default.</param>
/// <param name="CpuModel">CPU model name for CPUID, or null for the default.</param>
/// <param name="MemoryMap">Explicit memory map; empty means one RAM range of <paramref name="RamSize"/> from 0.</param>
/// <param name="Devices">Devices beyond the always-present console devices.</param>
public sealed record MachineSpec(
    SourceSpan Span,
    Located<ulong>? RamSize,
    Located<string>? CpuModel,
    IReadOnlyList<MemoryRegion> MemoryMap,
    IReadOnlyList<DeviceSpec> Devices)
{
    /// <summary>Default machine.</summary>
    public static MachineSpec Default { get; } = new(SourceSpan.None, null, null, [], []);
}
