namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// A segment register with its hidden part, as loaded from a descriptor.
/// <see cref="Attributes"/> uses the VMX access-rights layout: bits 0-3 type, 4 S, 5-6 DPL, 7 P,
/// 12 AVL, 13 L, 14 D/B, 15 G, 16 unusable.
/// </summary>
/// <param name="Selector">Visible selector.</param>
/// <param name="Base">Hidden base address.</param>
/// <param name="Limit">Hidden limit in bytes (already scaled by G).</param>
/// <param name="Attributes">Hidden access rights.</param>
public readonly record struct SegmentCache(ushort Selector, ulong Base, uint Limit, uint Attributes)
{
    /// <summary>Present bit of <see cref="Attributes"/>.</summary>
    public const uint PresentBit = 1u << 7;

    /// <summary>64-bit code bit of <see cref="Attributes"/>.</summary>
    public const uint LongBit = 1u << 13;

    /// <summary>Default-size (D/B) bit of <see cref="Attributes"/>.</summary>
    public const uint DefaultBigBit = 1u << 14;

    /// <summary>Granularity bit of <see cref="Attributes"/>.</summary>
    public const uint GranularityBit = 1u << 15;

    /// <summary>Descriptor privilege level.</summary>
    public int Dpl => (int)((Attributes >> 5) & 3);

    /// <summary>Flat 32-bit ring-0 code segment (type 0xB, S, P, D, G).</summary>
    public static SegmentCache FlatCode32(ushort selector) => new(selector, 0, 0xFFFF_FFFF, 0xB | 0x10 | PresentBit | DefaultBigBit | GranularityBit);

    /// <summary>Ring-0 64-bit code segment (type 0xB, S, P, L, G).</summary>
    public static SegmentCache Code64(ushort selector) => new(selector, 0, 0xFFFF_FFFF, 0xB | 0x10 | PresentBit | LongBit | GranularityBit);

    /// <summary>Flat ring-0 writable data segment (type 0x3, S, P, B, G).</summary>
    public static SegmentCache FlatData(ushort selector) => new(selector, 0, 0xFFFF_FFFF, 0x3 | 0x10 | PresentBit | DefaultBigBit | GranularityBit);

    /// <summary>Real-mode style segment whose base is the selector times 16.</summary>
    public static SegmentCache RealMode(ushort selector, bool code) => new(selector, (ulong)selector << 4, 0xFFFF, (code ? 0xBu : 0x3u) | 0x10 | PresentBit);
}
