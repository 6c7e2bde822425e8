using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private const ushort FswInvalid = 1;
    private const ushort FswStackFault = 0x40;
    private const ushort FswC1 = 0x200;
    private static readonly Float80 Indefinite = new(0xC000_0000_0000_0000, 0xFFFF);

    private static void X87Check(X86Cpu c)
    {
        if ((c.Cr0Value & (Cr.Cr0Em | Cr.Cr0Ts)) != 0)
        {
            throw new CpuFault(CpuFault.NM, null);
        }
    }

    private static int PhysicalIndex(X86Cpu c, int st) => (c.FpuTop + st) & 7;

    private static bool IsEmpty(X86Cpu c, int physical) => ((c.Ftw >> (2 * physical)) & 3) == 3;

    private static void SetTag(X86Cpu c, int physical, int tag) =>
        c.Ftw = (ushort)((c.Ftw & ~(3 << (2 * physical))) | (tag << (2 * physical)));

    private static void SetTop(X86Cpu c, int top) => c.Fsw = (ushort)((c.Fsw & ~0x3800) | ((top & 7) << 11));

    private static void FpuPush(X86Cpu c, Float80 value)
    {
        var top = (c.FpuTop - 1) & 7;
        if (!IsEmpty(c, top))
        {
            c.Fsw |= FswInvalid | FswStackFault | FswC1;
            value = Indefinite;
        }
        else
        {
            c.Fsw = (ushort)(c.Fsw & ~FswC1);
        }

        SetTop(c, top);
        c.Fpr[top] = value;
        SetTag(c, top, FpuStateSave.TagOf(value));
    }

    private static Float80 FpuRead(X86Cpu c, int st)
    {
        var p = PhysicalIndex(c, st);
        if (IsEmpty(c, p))
        {
            c.Fsw = (ushort)((c.Fsw | FswInvalid | FswStackFault) & ~FswC1);
            return Indefinite;
        }

        return c.Fpr[p];
    }

    private static void FpuWrite(X86Cpu c, int st, Float80 value)
    {
        var p = PhysicalIndex(c, st);
        c.Fpr[p] = value;
        SetTag(c, p, FpuStateSave.TagOf(value));
    }

    private static void FpuPop(X86Cpu c)
    {
        SetTag(c, c.FpuTop, 3);
        SetTop(c, c.FpuTop + 1);
    }

    private static int StIndex(in Instruction i, int n) => i.GetOpRegister(n) - Register.ST0;

    private static bool X87(X86Cpu c, in Instruction i)
    {
        switch (i.Mnemonic)
        {
            case Mnemonic.Wait:
                if ((c.Cr0Value & (Cr.Cr0Ts | Cr.Cr0Mp)) == (Cr.Cr0Ts | Cr.Cr0Mp))
                {
                    throw new CpuFault(CpuFault.NM, null);
                }

                return true;
            case Mnemonic.Fninit:
                X87Check(c);
                FpuStateSave.X87Init(c);
                return true;
            case Mnemonic.Fnclex:
                X87Check(c);
                c.Fsw &= 0x7F00;
                return true;
            case Mnemonic.Fldcw:
                X87Check(c);
                c.Fcw = c.Read16(c.Linear(i, 2));
                return true;
            case Mnemonic.Fnstcw:
                X87Check(c);
                c.Write16(c.Linear(i, 2), c.Fcw);
                return true;
            case Mnemonic.Fnstsw:
                X87Check(c);
                if (i.Op0Kind == OpKind.Register)
                {
                    c.WriteReg(Register.AX, c.Fsw);
                }
                else
                {
                    c.Write16(c.Linear(i, 2), c.Fsw);
                }

                return true;
            case Mnemonic.Fld:
                {
                    X87Check(c);
                    var v = i.Op0Kind == OpKind.Register ? FpuRead(c, StIndex(i, 0)) : LoadReal(c, i);
                    FpuPush(c, v);
                    return true;
                }

            case Mnemonic.Fild:
                {
                    X87Check(c);
                    var size = i.MemorySize.GetSize();
                    FpuPush(c, Float80.FromInt64(SignExtend(c.ReadSized(c.Linear(i, size), size), size)));
                    return true;
                }

            case Mnemonic.Fldz: X87Check(c); FpuPush(c, Float80.Zero); return true;
            case Mnemonic.Fld1: X87Check(c); FpuPush(c, Float80.One); return true;
            case Mnemonic.Fldpi: X87Check(c); FpuPush(c, new Float80(0xC90F_DAA2_2168_C235, 0x4000)); return true;
            case Mnemonic.Fst or Mnemonic.Fstp:
                {
                    X87Check(c);
                    var v = FpuRead(c, 0);
                    if (i.Op0Kind == OpKind.Register)
                    {
                        FpuWrite(c, StIndex(i, 0), v);
                    }
                    else
                    {
                        StoreReal(c, i, v);
                    }

                    if (i.Mnemonic == Mnemonic.Fstp)
                    {
                        FpuPop(c);
                    }

                    return true;
                }

            case Mnemonic.Fist or Mnemonic.Fistp or Mnemonic.Fisttp:
                {
                    X87Check(c);
                    var size = i.MemorySize.GetSize();
                    var rounding = i.Mnemonic == Mnemonic.Fisttp ? 3 : (c.Fcw >> 10) & 3;
                    c.WriteSized(c.Linear(i, size), size, ToInteger(c, FpuRead(c, 0), size, rounding));
                    if (i.Mnemonic != Mnemonic.Fist)
                    {
                        FpuPop(c);
                    }

                    return true;
                }

            case Mnemonic.Fxch:
                {
                    X87Check(c);
                    var k = i.OpCount > 1 ? StIndex(i, 1) : 1;
                    var a = FpuRead(c, 0);
                    var b = FpuRead(c, k);
                    FpuWrite(c, 0, b);
                    FpuWrite(c, k, a);
                    return true;
                }

            case Mnemonic.Ffree: X87Check(c); SetTag(c, PhysicalIndex(c, StIndex(i, 0)), 3); return true;
            case Mnemonic.Fincstp: X87Check(c); SetTop(c, c.FpuTop + 1); c.Fsw = (ushort)(c.Fsw & ~FswC1); return true;
            case Mnemonic.Fdecstp: X87Check(c); SetTop(c, c.FpuTop - 1); c.Fsw = (ushort)(c.Fsw & ~FswC1); return true;
            case Mnemonic.Fnstenv: X87Check(c); StoreEnvironment(c, i); c.Fcw |= 0x3F; return true;
            case Mnemonic.Fldenv: X87Check(c); LoadEnvironment(c, i); return true;
            case Mnemonic.Fnsave:
                {
                    X87Check(c);
                    var envSize = StoreEnvironment(c, i);
                    var lin = c.Linear(i, envSize + 80) + (ulong)envSize;
                    for (var k = 0; k < 8; k++)
                    {
                        var v = c.GetSt(k);
                        c.Write64(lin + (ulong)(10 * k), v.Significand);
                        c.Write16(lin + (ulong)(10 * k) + 8, v.SignExponent);
                    }

                    FpuStateSave.X87Init(c);
                    return true;
                }

            case Mnemonic.Frstor:
                {
                    X87Check(c);
                    var envSize = LoadEnvironment(c, i);
                    var lin = c.Linear(i, envSize + 80) + (ulong)envSize;
                    for (var k = 0; k < 8; k++)
                    {
                        c.Fpr[PhysicalIndex(c, k)] = new Float80(c.Read64(lin + (ulong)(10 * k)), c.Read16(lin + (ulong)(10 * k) + 8));
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    private static Float80 LoadReal(X86Cpu c, in Instruction i)
    {
        var size = i.MemorySize.GetSize();
        var lin = c.Linear(i, size);
        return size switch
        {
            4 => Float80.FromSingle(BitConverter.UInt32BitsToSingle(c.Read32(lin))),
            8 => Float80.FromDouble(BitConverter.UInt64BitsToDouble(c.Read64(lin))),
            _ => new Float80(c.Read64(lin), c.Read16(lin + 8)),
        };
    }

    private static void StoreReal(X86Cpu c, in Instruction i, Float80 v)
    {
        var size = i.MemorySize.GetSize();
        var lin = c.Linear(i, size);
        switch (size)
        {
            case 4: c.Write32(lin, BitConverter.SingleToUInt32Bits((float)v.ToDouble())); break;
            case 8: c.Write64(lin, BitConverter.DoubleToUInt64Bits(v.ToDouble())); break;
            default:
                c.ProbeWrite(lin, 10);
                c.Write64(lin, v.Significand);
                c.Write16(lin + 8, v.SignExponent);
                break;
        }
    }

    /// <summary>Rounds an 80-bit value to a signed integer of <paramref name="size"/> bytes; out of range gives the integer indefinite.</summary>
    private static ulong ToInteger(X86Cpu c, Float80 v, int size, int rounding)
    {
        var indefinite = X86Cpu.SignBit(size);
        var exp = (v.SignExponent & 0x7FFF) - 0x3FFF;
        var negative = (v.SignExponent & 0x8000) != 0;
        if ((v.SignExponent & 0x7FFF) == 0x7FFF)
        {
            c.Fsw |= FswInvalid;
            return indefinite;
        }

        if (v.Significand == 0 || exp < -2)
        {
            var tiny = v.Significand != 0;
            var up = tiny && (rounding == 1 && negative || rounding == 2 && !negative);
            return up ? (negative ? X86Cpu.SizeMask(size) : 1UL) : 0;
        }

        if (exp > 63)
        {
            c.Fsw |= FswInvalid;
            return indefinite;
        }

        var shift = 63 - exp;
        var magnitude = (UInt128)v.Significand;
        var kept = magnitude >> shift;
        var rest = shift == 0 ? 0 : magnitude & ((UInt128.One << shift) - 1);
        var half = shift == 0 ? 0 : UInt128.One << (shift - 1);
        var increment = rounding switch
        {
            0 => rest > half || (rest == half && rest != 0 && (kept & 1) != 0),
            1 => negative && rest != 0,
            2 => !negative && rest != 0,
            _ => false,
        };
        if (increment)
        {
            kept++;
        }

        var limit = (UInt128)indefinite;
        if (negative ? kept > limit : kept >= limit)
        {
            c.Fsw |= FswInvalid;
            return indefinite;
        }

        var result = negative ? (ulong)(-(Int128)kept) : (ulong)kept;
        if (rest != 0)
        {
            c.Fsw |= 0x20;
        }

        return result & X86Cpu.SizeMask(size);
    }

    private static int EnvironmentSize(X86Cpu c, in Instruction i) => i.MemorySize.GetSize() is 14 or 94 ? 14 : 28;

    private static int StoreEnvironment(X86Cpu c, in Instruction i)
    {
        var envSize = EnvironmentSize(c, i);
        var lin = c.Linear(i, envSize);
        var width = envSize == 14 ? 2 : 4;
        c.ProbeWrite(lin, envSize);
        c.WriteSized(lin, width, c.Fcw | (width == 4 ? 0xFFFF_0000UL : 0));
        c.WriteSized(lin + (ulong)width, width, c.Fsw | (width == 4 ? 0xFFFF_0000UL : 0));
        c.WriteSized(lin + (ulong)(2 * width), width, c.Ftw | (width == 4 ? 0xFFFF_0000UL : 0));
        c.WriteSized(lin + (ulong)(3 * width), width, (uint)c.Fip);
        c.WriteSized(lin + (ulong)(4 * width), width, width == 4 ? (ulong)c.Fop << 16 : c.Fop);
        c.WriteSized(lin + (ulong)(5 * width), width, (uint)c.Fdp);
        c.WriteSized(lin + (ulong)(6 * width), width, width == 4 ? 0xFFFF_0000UL : 0);
        return envSize;
    }

    private static int LoadEnvironment(X86Cpu c, in Instruction i)
    {
        var envSize = EnvironmentSize(c, i);
        var lin = c.Linear(i, envSize);
        var width = envSize == 14 ? 2 : 4;
        c.Fcw = (ushort)c.ReadSized(lin, width);
        c.Fsw = (ushort)c.ReadSized(lin + (ulong)width, width);
        c.Ftw = (ushort)c.ReadSized(lin + (ulong)(2 * width), width);
        c.Fip = c.ReadSized(lin + (ulong)(3 * width), width);
        c.Fop = (ushort)((width == 4 ? c.ReadSized(lin + (ulong)(4 * width), width) >> 16 : c.ReadSized(lin + (ulong)(4 * width), width)) & 0x7FF);
        c.Fdp = c.ReadSized(lin + (ulong)(5 * width), width);
        return envSize;
    }
}
