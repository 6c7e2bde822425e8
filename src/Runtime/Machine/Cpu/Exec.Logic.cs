using System.Numerics;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static bool Parity(ulong v) => (BitOperations.PopCount(v & 0xFF) & 1) == 0;

    private static void Shift(X86Cpu c, in Instruction i, ShiftKind kind)
    {
        var size = X86Cpu.OpSize(i, 0);
        var bits = size * 8;
        var mask = X86Cpu.SizeMask(size);
        var sign = X86Cpu.SignBit(size);
        var count = (int)(i.OpCount == 1 ? 1 : c.ReadOp(i, 1, 1)) & (size == 8 ? 63 : 31);
        var lin = 0UL;
        ulong a;
        if (i.Op0Kind == OpKind.Register)
        {
            a = c.ReadReg(i.Op0Register);
        }
        else
        {
            lin = c.Linear(i, size);
            a = c.ReadSized(lin, size);
        }

        if (count == 0)
        {
            // A 32-bit register destination is still written, so its upper half clears.
            if (size == 4 && i.Op0Kind == OpKind.Register)
            {
                c.WriteReg(i.Op0Register, a);
            }

            return;
        }

        ulong r;
        switch (kind)
        {
            case ShiftKind.Shl:
                {
                    r = count >= 64 ? 0 : (a << count) & mask;
                    var cf = count <= bits && ((a >> (bits - count)) & 1) != 0;
                    c.SetArithFlags(cf, Parity(r), false, r == 0, (r & sign) != 0, ((r & sign) != 0) != cf);
                    break;
                }

            case ShiftKind.Shr:
                {
                    r = a >> count;
                    var cf = ((a >> (count - 1)) & 1) != 0;
                    c.SetArithFlags(cf, Parity(r), false, r == 0, (r & sign) != 0, (a & sign) != 0);
                    break;
                }

            case ShiftKind.Sar:
                {
                    var sa = SignExtend(a, size);
                    r = (ulong)(sa >> count) & mask;
                    var cf = ((sa >> (count - 1)) & 1) != 0;
                    c.SetArithFlags(cf, Parity(r), false, r == 0, (r & sign) != 0, false);
                    break;
                }

            case ShiftKind.Rol:
                {
                    var n = count % bits;
                    r = n == 0 ? a : ((a << n) | (a >> (bits - n))) & mask;
                    var cf = (r & 1) != 0;
                    SetCarryOverflow(c, cf, ((r & sign) != 0) != cf);
                    break;
                }

            case ShiftKind.Ror:
                {
                    var n = count % bits;
                    r = n == 0 ? a : ((a >> n) | (a << (bits - n))) & mask;
                    var msb = (r & sign) != 0;
                    SetCarryOverflow(c, msb, msb != ((r & (sign >> 1)) != 0));
                    break;
                }

            case ShiftKind.Rcl:
                {
                    var n = size switch { 1 => count % 9, 2 => count % 17, _ => count };
                    var cf = c.CarryFlag();
                    r = a;
                    for (var k = 0; k < n; k++)
                    {
                        var outBit = (r & sign) != 0;
                        r = ((r << 1) | (cf ? 1UL : 0)) & mask;
                        cf = outBit;
                    }

                    SetCarryOverflow(c, cf, ((r & sign) != 0) != cf);
                    break;
                }

            default:
                {
                    var n = size switch { 1 => count % 9, 2 => count % 17, _ => count };
                    var cf = c.CarryFlag();
                    r = a;
                    var of = ((r & sign) != 0) != cf;
                    for (var k = 0; k < n; k++)
                    {
                        var outBit = (r & 1) != 0;
                        r = (r >> 1) | (cf ? sign : 0);
                        cf = outBit;
                    }

                    SetCarryOverflow(c, cf, of);
                    break;
                }
        }

        if (i.Op0Kind == OpKind.Register)
        {
            c.WriteReg(i.Op0Register, r);
        }
        else
        {
            c.WriteSized(lin, size, r);
        }
    }

    private static void SetCarryOverflow(X86Cpu c, bool cf, bool of)
    {
        var f = c.ReadFlags() & ~(Cr.FlagCf | Cr.FlagOf);
        c.FlagsRaw = f | (cf ? Cr.FlagCf : 0) | (of ? Cr.FlagOf : 0);
    }

    private static void DoubleShift(X86Cpu c, in Instruction i, bool left)
    {
        var size = X86Cpu.OpSize(i, 0);
        var bits = size * 8;
        var mask = X86Cpu.SizeMask(size);
        var sign = X86Cpu.SignBit(size);
        var count = (int)c.ReadOp(i, 2, 1) & (size == 8 ? 63 : 31);
        var src = c.ReadReg(i.Op1Register);
        var lin = 0UL;
        ulong a;
        if (i.Op0Kind == OpKind.Register)
        {
            a = c.ReadReg(i.Op0Register);
        }
        else
        {
            lin = c.Linear(i, size);
            a = c.ReadSized(lin, size);
        }

        if (count == 0)
        {
            if (size == 4 && i.Op0Kind == OpKind.Register)
            {
                c.WriteReg(i.Op0Register, a);
            }

            return;
        }

        ulong r;
        bool cf;
        if (size == 2)
        {
            // 16-bit operands shift the 32-bit (or, past 16, 48-bit) concatenation as the hardware does.
            if (left)
            {
                var wl = ((a << 32) | (src << 16) | a) << count;
                r = (wl >> 32) & mask;
                cf = ((wl >> 48) & 1) != 0;
            }
            else
            {
                var concatenated = (src << 16) | a;
                var extended = count <= 16 ? concatenated : (a << 32) | concatenated;
                r = (extended >> count) & mask;
                cf = ((extended >> (count - 1)) & 1) != 0;
            }
        }
        else if (left)
        {
            r = ((a << count) | (src >> (bits - count))) & mask;
            cf = ((a >> (bits - count)) & 1) != 0;
        }
        else
        {
            r = ((a >> count) | (src << (bits - count))) & mask;
            cf = ((a >> (count - 1)) & 1) != 0;
        }

        c.SetArithFlags(cf, Parity(r), false, r == 0, (r & sign) != 0, ((r ^ a) & sign) != 0);
        if (i.Op0Kind == OpKind.Register)
        {
            c.WriteReg(i.Op0Register, r);
        }
        else
        {
            c.WriteSized(lin, size, r);
        }
    }

    private static void BitTest(X86Cpu c, in Instruction i, BitKind kind)
    {
        var size = X86Cpu.OpSize(i, 0);
        var bits = size * 8;
        var immediate = i.Op1Kind != OpKind.Register;
        var offset = c.ReadOp(i, 1, size);
        ulong lin = 0;
        ulong value;
        int bit;
        if (i.Op0Kind == OpKind.Register)
        {
            bit = (int)(offset & (ulong)(bits - 1));
            value = c.ReadReg(i.Op0Register);
        }
        else
        {
            var ea = c.EffectiveAddress(i);
            if (immediate)
            {
                bit = (int)(offset & (ulong)(bits - 1));
            }
            else
            {
                var signed = SignExtend(offset, size);
                ea = (ea + (ulong)((signed >> BitOperations.Log2((uint)bits)) * size)) & c.AddressMask;
                bit = (int)(signed & (bits - 1));
            }

            lin = c.SegmentedLinear(i.MemorySegment, ea, size);
            value = c.ReadSized(lin, size);
        }

        var cf = ((value >> bit) & 1) != 0;
        var updated = kind switch
        {
            BitKind.Set => value | (1UL << bit),
            BitKind.Reset => value & ~(1UL << bit),
            BitKind.Complement => value ^ (1UL << bit),
            _ => value,
        };
        if (kind != BitKind.Test)
        {
            if (i.Op0Kind == OpKind.Register)
            {
                c.WriteReg(i.Op0Register, updated);
            }
            else
            {
                c.WriteSized(lin, size, updated);
            }
        }

        c.SetFlag(Cr.FlagCf, cf);
    }

    private static void BitScan(X86Cpu c, in Instruction i, bool reverse)
    {
        var size = X86Cpu.RegSize(i.Op0Register);
        var src = c.ReadOp(i, 1, size);
        var flags = c.ReadFlags() & ~Cr.ArithmeticFlags;
        if (src == 0)
        {
            // The destination keeps its value, but a 32-bit one is written (zero-extended) on silicon.
            if (size == 4)
            {
                c.WriteReg(i.Op0Register, c.ReadReg(i.Op0Register));
            }

            c.FlagsRaw = flags | Cr.FlagZf | Cr.FlagPf;
            return;
        }

        var index = reverse ? 63 - BitOperations.LeadingZeroCount(src) : BitOperations.TrailingZeroCount(src);
        c.WriteReg(i.Op0Register, (ulong)index);
        c.FlagsRaw = flags | (Parity((ulong)index) ? Cr.FlagPf : 0);
    }

    private static void Cmov(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.RegSize(i.Op0Register);
        var src = c.ReadOp(i, 1, size);
        c.WriteReg(i.Op0Register, c.Condition(i.ConditionCode) ? src : c.ReadReg(i.Op0Register));
    }
}
