using System.Runtime.CompilerServices;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    // Per Iced register: bits 0-3 GPR index, bit 4 high-byte, bits 5-8 size in bytes; 0 = not a GPR.
    private static readonly ushort[] RegisterInfo = BuildRegisterInfo();
    internal ulong AddressMask = ulong.MaxValue;

    private static ushort[] BuildRegisterInfo()
    {
        var info = new ushort[Enum.GetValues<Register>().Length + 1];
        for (var r = Register.AL; r <= Register.R15L; r++)
        {
            var n = r - Register.AL;
            info[(int)r] = n is >= 4 and < 8 ? (ushort)((n - 4) | 0x10 | (1 << 5)) : (ushort)((n >= 8 ? n - 4 : n) | (1 << 5));
        }

        for (var r = Register.AX; r <= Register.R15W; r++)
        {
            info[(int)r] = (ushort)((r - Register.AX) | (2 << 5));
        }

        for (var r = Register.EAX; r <= Register.R15D; r++)
        {
            info[(int)r] = (ushort)((r - Register.EAX) | (4 << 5));
        }

        for (var r = Register.RAX; r <= Register.R15; r++)
        {
            info[(int)r] = (ushort)((r - Register.RAX) | (8 << 5));
        }

        return info;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RegSize(Register r) => RegisterInfo[(int)r] >> 5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RegIndex(Register r) => RegisterInfo[(int)r] & 15;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong ReadReg(Register r) => ReadRegInfo(RegisterInfo[(int)r], r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong ReadRegInfo(ushort info, Register r = Register.None)
    {
        switch (info >> 5)
        {
            case 8: return Gpr[info & 15];
            case 4: return (uint)Gpr[info & 15];
            case 2: return (ushort)Gpr[info & 15];
            case 1: return (info & 0x10) != 0 ? (byte)(Gpr[info & 15] >> 8) : (byte)Gpr[info & 15];
            default: return ReadOtherRegister(r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteReg(Register r, ulong v) => WriteRegInfo(RegisterInfo[(int)r], v, r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteRegInfo(ushort info, ulong v, Register r = Register.None)
    {
        ref var g = ref Gpr[info & 15];
        switch (info >> 5)
        {
            case 8: g = v; break;
            case 4: g = (uint)v; break;
            case 2: g = (g & ~0xFFFFUL) | (ushort)v; break;
            case 1:
                g = (info & 0x10) != 0 ? (g & ~0xFF00UL) | ((v & 0xFF) << 8) : (g & ~0xFFUL) | (byte)v;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(r), r, "not a general-purpose register");
        }
    }

    private ulong ReadOtherRegister(Register r) => r switch
    {
        Register.RIP => RipValue,
        Register.EIP => (uint)RipValue,
        >= Register.ES and <= Register.GS => Seg[r - Register.ES].Selector,
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, "not a general-purpose register"),
    };

    /// <summary>Linear address of the memory operand from the fields precomputed at decode time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong LinearOf(ref DecodedInstruction d, int size)
    {
        ref var gpr = ref Gpr[0];
        var ea = (d.Displacement + Unsafe.Add(ref gpr, d.Base) + (Unsafe.Add(ref gpr, d.Index) << d.ScaleShift)) & d.AddressMask;
        if (d.Flat)
        {
            return ea;
        }

        if (Bitness == 64)
        {
            return d.Segment >= 4 ? ea + Seg[d.Segment].Base : ea;
        }

        return SegmentedLinear(Register.ES + d.Segment, ea, size);
    }

    /// <summary>Effective address (offset) of the memory operand, masked to the address size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong EffectiveAddress(in Instruction i)
    {
        var ea = i.MemoryDisplacement64;
        var b = i.MemoryBase;
        if (b != Register.None && b != Register.RIP && b != Register.EIP)
        {
            ea += Gpr[RegisterInfo[(int)b] & 15];
        }

        var x = i.MemoryIndex;
        if (x != Register.None)
        {
            ea += Gpr[RegisterInfo[(int)x] & 15] * (ulong)i.MemoryIndexScale;
        }

        return ea & AddressMask;
    }

    /// <summary>Linear address of the memory operand (segment base added, limit checked outside 64-bit mode).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Linear(in Instruction i, int size) => SegmentedLinear(i.MemorySegment, EffectiveAddress(i), size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong SegmentedLinear(Register segment, ulong offset, int size)
    {
        if (Bitness == 64)
        {
            return segment switch
            {
                Register.FS => offset + Seg[4].Base,
                Register.GS => offset + Seg[5].Base,
                _ => offset,
            };
        }

        ref var s = ref Seg[segment - Register.ES];
        if (offset + (ulong)size - 1 > s.Limit && (s.Attributes & 0x1C) != 0x14)
        {
            throw new CpuFault(segment == Register.SS ? CpuFault.SS : CpuFault.GP, 0);
        }

        return (uint)(s.Base + offset);
    }

    /// <summary>Size in bytes of operand <paramref name="n"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int OpSize(in Instruction i, int n) =>
        i.GetOpKind(n) == OpKind.Register ? RegSize(i.GetOpRegister(n)) : i.MemorySize.GetSize();

    /// <summary>Reads operand <paramref name="n"/> of <paramref name="size"/> bytes (register, memory or immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong ReadOp(in Instruction i, int n, int size)
    {
        switch (i.GetOpKind(n))
        {
            case OpKind.Register: return ReadReg(i.GetOpRegister(n));
            case OpKind.Memory: return ReadSized(Linear(i, size), size);
            default: return i.GetImmediate(n) & SizeMask(size);
        }
    }

    /// <summary>Writes operand <paramref name="n"/> (register or memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteOp(in Instruction i, int n, int size, ulong value)
    {
        if (i.GetOpKind(n) == OpKind.Register)
        {
            WriteReg(i.GetOpRegister(n), value);
        }
        else
        {
            WriteSized(Linear(i, size), size, value);
        }
    }

    internal ulong StackMask => Bitness == 64 ? ulong.MaxValue : (Seg[2].Attributes & SegmentCache.DefaultBigBit) != 0 ? 0xFFFF_FFFF : 0xFFFF;

    internal void Push(ulong value, int size)
    {
        var mask = StackMask;
        var sp = (Gpr[4] - (ulong)size) & mask;
        WriteSized(StackLinear(sp, size), size, value);
        Gpr[4] = mask == ulong.MaxValue ? sp : (Gpr[4] & ~mask) | sp;
    }

    internal ulong Pop(int size)
    {
        var mask = StackMask;
        var sp = Gpr[4] & mask;
        var v = ReadSized(StackLinear(sp, size), size);
        Gpr[4] = mask == ulong.MaxValue ? sp + (ulong)size : (Gpr[4] & ~mask) | ((sp + (ulong)size) & mask);
        return v;
    }

    internal ulong PeekStack(ulong offset, int size) => ReadSized(StackLinear((Gpr[4] + offset) & StackMask, size), size);

    internal ulong StackLinear(ulong sp, int size) => Bitness == 64 ? sp : SegmentedLinear(Register.SS, sp, size);

    /// <summary>Stack operand size of PUSH/POP-like instructions: 8 in 64-bit mode unless 66h, else the operand size.</summary>
    internal int StackOperandSize(in Instruction i) => i.StackPointerIncrement is var inc && inc != 0 ? Math.Abs(inc) : Bitness / 8;
}
