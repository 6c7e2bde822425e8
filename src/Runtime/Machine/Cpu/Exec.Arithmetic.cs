using System.Numerics;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static void Alu(X86Cpu c, in Instruction i, AluKind kind)
    {
        var size = X86Cpu.OpSize(i, 0);
        var mask = X86Cpu.SizeMask(size);
        var b = c.ReadOp(i, 1, size);
        if (i.Op0Kind == OpKind.Register)
        {
            var r = i.Op0Register;
            var result = Compute(c, kind, c.ReadReg(r), b, size, mask);
            if (kind is not (AluKind.Cmp or AluKind.Test))
            {
                c.WriteReg(r, result);
            }
        }
        else
        {
            var lin = c.Linear(i, size);
            var result = Compute(c, kind, c.ReadSized(lin, size), b, size, mask);
            if (kind is not (AluKind.Cmp or AluKind.Test))
            {
                c.WriteSized(lin, size, result);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Compute(X86Cpu c, AluKind kind, ulong a, ulong b, int size, ulong mask)
    {
        ulong r;
        switch (kind)
        {
            case AluKind.Add:
                r = (a + b) & mask;
                c.SetLazy(LazyOp.Add, a, b, r, size);
                return r;
            case AluKind.Adc:
                {
                    var carry = c.CarryFlag();
                    r = (a + b + (carry ? 1UL : 0)) & mask;
                    c.LazyCarry = carry;
                    c.SetLazy(LazyOp.Adc, a, b, r, size);
                    return r;
                }

            case AluKind.Sub or AluKind.Cmp:
                r = (a - b) & mask;
                c.SetLazy(LazyOp.Sub, a, b, r, size);
                return r;
            case AluKind.Sbb:
                {
                    var carry = c.CarryFlag();
                    r = (a - b - (carry ? 1UL : 0)) & mask;
                    c.LazyCarry = carry;
                    c.SetLazy(LazyOp.Sbb, a, b, r, size);
                    return r;
                }

            case AluKind.And or AluKind.Test:
                r = a & b;
                break;
            case AluKind.Or:
                r = a | b;
                break;
            default:
                r = a ^ b;
                break;
        }

        c.SetLazy(LazyOp.Logic, 0, 0, r, size);
        return r;
    }

    private static void IncDec(X86Cpu c, in Instruction i, bool increment)
    {
        var size = X86Cpu.OpSize(i, 0);
        var mask = X86Cpu.SizeMask(size);
        var carry = c.CarryFlag();
        if (i.Op0Kind == OpKind.Register)
        {
            var a = c.ReadReg(i.Op0Register);
            var r = (increment ? a + 1 : a - 1) & mask;
            c.WriteReg(i.Op0Register, r);
            c.LazyCarry = carry;
            c.SetLazy(increment ? LazyOp.Inc : LazyOp.Dec, a, 1, r, size);
        }
        else
        {
            var lin = c.Linear(i, size);
            var a = c.ReadSized(lin, size);
            var r = (increment ? a + 1 : a - 1) & mask;
            c.WriteSized(lin, size, r);
            c.LazyCarry = carry;
            c.SetLazy(increment ? LazyOp.Inc : LazyOp.Dec, a, 1, r, size);
        }
    }

    private static void Neg(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        var a = c.ReadOp(i, 0, size);
        var r = (0 - a) & X86Cpu.SizeMask(size);
        c.WriteOp(i, 0, size, r);
        c.SetLazy(LazyOp.Sub, 0, a, r, size);
    }

    private static void Not(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        if (i.Op0Kind == OpKind.Register)
        {
            c.WriteReg(i.Op0Register, ~c.ReadReg(i.Op0Register) & X86Cpu.SizeMask(size));
        }
        else
        {
            var lin = c.Linear(i, size);
            c.WriteSized(lin, size, ~c.ReadSized(lin, size));
        }
    }

    private static void SetMulFlags(X86Cpu c, ulong low, int size, bool overflow) =>
        c.SetResultFlags(low, size, overflow, overflow);

    private static void Mul(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        var src = c.ReadOp(i, 0, size);
        switch (size)
        {
            case 1:
                {
                    var r = (c.Gpr[0] & 0xFF) * src;
                    c.WriteReg(Register.AX, r);
                    SetMulFlags(c, r & 0xFF, 1, r > 0xFF);
                    break;
                }

            case 2:
                {
                    var r = (c.Gpr[0] & 0xFFFF) * src;
                    c.WriteReg(Register.AX, r);
                    c.WriteReg(Register.DX, r >> 16);
                    SetMulFlags(c, r & 0xFFFF, 2, r > 0xFFFF);
                    break;
                }

            case 4:
                {
                    var r = (c.Gpr[0] & 0xFFFF_FFFF) * src;
                    c.Gpr[0] = (uint)r;
                    c.Gpr[2] = r >> 32;
                    SetMulFlags(c, (uint)r, 4, r > 0xFFFF_FFFF);
                    break;
                }

            default:
                {
                    var high = Math.BigMul(c.Gpr[0], src, out var low);
                    c.Gpr[0] = low;
                    c.Gpr[2] = high;
                    SetMulFlags(c, low, 8, high != 0);
                    break;
                }
        }
    }

    private static long SignExtend(ulong v, int size) => size switch
    {
        1 => (sbyte)v,
        2 => (short)v,
        4 => (int)v,
        _ => (long)v,
    };

    private static void Imul(X86Cpu c, in Instruction i)
    {
        if (i.OpCount == 1)
        {
            var size = X86Cpu.OpSize(i, 0);
            var src = SignExtend(c.ReadOp(i, 0, size), size);
            if (size == 8)
            {
                var product = (Int128)(long)c.Gpr[0] * src;
                c.Gpr[0] = (ulong)product;
                c.Gpr[2] = (ulong)(product >> 64);
                SetMulFlags(c, (ulong)product, 8, product != (long)product);
                return;
            }

            var p = SignExtend(c.Gpr[0], size) * src;
            var fits = p == SignExtend((ulong)p, size);
            switch (size)
            {
                case 1: c.WriteReg(Register.AX, (ulong)p); break;
                case 2: c.WriteReg(Register.AX, (ulong)p); c.WriteReg(Register.DX, (ulong)(p >> 16)); break;
                default: c.Gpr[0] = (uint)p; c.Gpr[2] = (uint)(p >> 32); break;
            }

            SetMulFlags(c, (ulong)p & X86Cpu.SizeMask(size), size, !fits);
            return;
        }

        var width = X86Cpu.RegSize(i.Op0Register);
        long a, b;
        if (i.OpCount == 2)
        {
            a = SignExtend(c.ReadReg(i.Op0Register), width);
            b = SignExtend(c.ReadOp(i, 1, width), width);
        }
        else
        {
            a = SignExtend(c.ReadOp(i, 1, width), width);
            b = SignExtend(c.ReadOp(i, 2, width), width);
        }

        var full = (Int128)a * b;
        var result = (ulong)full & X86Cpu.SizeMask(width);
        c.WriteReg(i.Op0Register, result);
        SetMulFlags(c, result, width, full != SignExtend(result, width));
    }

    private static void Div(X86Cpu c, in Instruction i, bool signed)
    {
        var size = X86Cpu.OpSize(i, 0);
        var divisor = c.ReadOp(i, 0, size);
        if (divisor == 0)
        {
            throw new CpuFault(CpuFault.DE, null);
        }

        var bits = size * 8;
        UInt128 dividend = size switch
        {
            1 => c.Gpr[0] & 0xFFFF,
            2 => ((c.Gpr[2] & 0xFFFF) << 16) | (c.Gpr[0] & 0xFFFF),
            4 => ((c.Gpr[2] & 0xFFFF_FFFF) << 32) | (c.Gpr[0] & 0xFFFF_FFFF),
            _ => ((UInt128)c.Gpr[2] << 64) | c.Gpr[0],
        };
        ulong quotient, remainder;
        if (!signed)
        {
            var q = dividend / divisor;
            if (q > X86Cpu.SizeMask(size))
            {
                throw new CpuFault(CpuFault.DE, null);
            }

            quotient = (ulong)q;
            remainder = (ulong)(dividend % divisor);
        }
        else
        {
            var sd = (Int128)(dividend << (128 - (2 * bits))) >> (128 - (2 * bits));
            var sv = (Int128)SignExtend(divisor, size);
            var q = sd / sv;
            var min = -((Int128)1 << (bits - 1));
            var max = ((Int128)1 << (bits - 1)) - 1;
            if (q < min || q > max)
            {
                throw new CpuFault(CpuFault.DE, null);
            }

            quotient = (ulong)q & X86Cpu.SizeMask(size);
            remainder = (ulong)(sd % sv) & X86Cpu.SizeMask(size);
        }

        switch (size)
        {
            case 1: c.WriteReg(Register.AL, quotient); c.WriteReg(Register.AH, remainder); break;
            case 2: c.WriteReg(Register.AX, quotient); c.WriteReg(Register.DX, remainder); break;
            case 4: c.Gpr[0] = quotient; c.Gpr[2] = remainder; break;
            default: c.Gpr[0] = quotient; c.Gpr[2] = remainder; break;
        }
    }

    private static void Xadd(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        var mask = X86Cpu.SizeMask(size);
        var src = c.ReadReg(i.Op1Register);
        if (i.Op0Kind == OpKind.Register)
        {
            var dest = c.ReadReg(i.Op0Register);
            var sum = (dest + src) & mask;
            c.WriteReg(i.Op1Register, dest);
            c.WriteReg(i.Op0Register, sum);
            c.SetLazy(LazyOp.Add, dest, src, sum, size);
        }
        else
        {
            var lin = c.Linear(i, size);
            var dest = c.ReadSized(lin, size);
            var sum = (dest + src) & mask;
            c.WriteSized(lin, size, sum);
            c.WriteReg(i.Op1Register, dest);
            c.SetLazy(LazyOp.Add, dest, src, sum, size);
        }
    }

    private static void Cmpxchg(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        var mask = X86Cpu.SizeMask(size);
        var accumulator = c.Gpr[0] & mask;
        var src = c.ReadReg(i.Op1Register);
        if (i.Op0Kind == OpKind.Register)
        {
            var dest = c.ReadReg(i.Op0Register);
            c.SetLazy(LazyOp.Sub, accumulator, dest, (accumulator - dest) & mask, size);
            if (dest == accumulator)
            {
                c.WriteReg(i.Op0Register, src);
            }
            else
            {
                WriteAccumulator(c, size, dest);
            }
        }
        else
        {
            var lin = c.Linear(i, size);
            var dest = c.ReadSized(lin, size);
            var equal = dest == accumulator;
            c.WriteSized(lin, size, equal ? src : dest);
            c.SetLazy(LazyOp.Sub, accumulator, dest, (accumulator - dest) & mask, size);
            if (!equal)
            {
                WriteAccumulator(c, size, dest);
            }
        }
    }

    private static void WriteAccumulator(X86Cpu c, int size, ulong value) =>
        c.WriteReg(size switch { 1 => Register.AL, 2 => Register.AX, 4 => Register.EAX, _ => Register.RAX }, value);

    private static void Cmpxchg8b(X86Cpu c, in Instruction i)
    {
        var lin = c.Linear(i, 8);
        var current = c.Read64(lin);
        var expected = ((c.Gpr[2] & 0xFFFF_FFFF) << 32) | (c.Gpr[0] & 0xFFFF_FFFF);
        var equal = current == expected;
        c.Write64(lin, equal ? ((c.Gpr[1] & 0xFFFF_FFFF) << 32) | (c.Gpr[3] & 0xFFFF_FFFF) : current);
        if (!equal)
        {
            c.Gpr[0] = (uint)current;
            c.Gpr[2] = current >> 32;
        }

        c.SetFlag(Cr.FlagZf, equal);
    }

    private static void Cmpxchg16b(X86Cpu c, in Instruction i)
    {
        var lin = c.Linear(i, 16);
        if ((lin & 15) != 0)
        {
            throw CpuFault.Gp();
        }

        var current = c.Read128(lin);
        var expected = ((UInt128)c.Gpr[2] << 64) | c.Gpr[0];
        var equal = current == expected;
        c.Write128(lin, equal ? ((UInt128)c.Gpr[1] << 64) | c.Gpr[3] : current);
        if (!equal)
        {
            c.Gpr[0] = (ulong)current;
            c.Gpr[2] = (ulong)(current >> 64);
        }

        c.SetFlag(Cr.FlagZf, equal);
    }

    private static void Bswap(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.RegSize(i.Op0Register);
        var v = c.ReadReg(i.Op0Register);
        c.WriteReg(i.Op0Register, size switch
        {
            8 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v),
            4 => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)v),
            _ => 0,
        });
    }

    private static void CountBits(X86Cpu c, in Instruction i, BitCountKind kind)
    {
        var size = X86Cpu.RegSize(i.Op0Register);
        var src = c.ReadOp(i, 1, size);
        var bits = size * 8;
        ulong result = kind switch
        {
            BitCountKind.Tzcnt => src == 0 ? (ulong)bits : (ulong)BitOperations.TrailingZeroCount(src),
            BitCountKind.Lzcnt => src == 0 ? (ulong)bits : (ulong)(BitOperations.LeadingZeroCount(src) - (64 - bits)),
            _ => (ulong)BitOperations.PopCount(src),
        };
        c.WriteReg(i.Op0Register, result);
        if (kind == BitCountKind.Popcnt)
        {
            c.SetArithFlags(false, false, false, src == 0, false, false);
        }
        else
        {
            c.SetArithFlags(src == 0, (BitOperations.PopCount(result & 0xFF) & 1) == 0, false, result == 0, false, false);
        }
    }
}
