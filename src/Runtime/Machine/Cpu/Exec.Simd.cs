using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static Vector128<byte> V(UInt128 x) => Unsafe.As<UInt128, Vector128<byte>>(ref x);

    private static UInt128 U<T>(Vector128<T> v)
        where T : struct => Unsafe.As<Vector128<T>, UInt128>(ref v);

    // Counts above the lane width clear logical shifts and fill arithmetic ones with the sign (Vector128 would mask them).
    private static UInt128 ShiftLanes(Vector128<byte> v, ulong count, Mnemonic mnemonic) => mnemonic switch
    {
        Mnemonic.Psllw => count > 15 ? UInt128.Zero : U(Vector128.ShiftLeft(v.AsUInt16(), (int)count)),
        Mnemonic.Pslld => count > 31 ? UInt128.Zero : U(Vector128.ShiftLeft(v.AsUInt32(), (int)count)),
        Mnemonic.Psllq => count > 63 ? UInt128.Zero : U(Vector128.ShiftLeft(v.AsUInt64(), (int)count)),
        Mnemonic.Psrlw => count > 15 ? UInt128.Zero : U(Vector128.ShiftRightLogical(v.AsUInt16(), (int)count)),
        Mnemonic.Psrld => count > 31 ? UInt128.Zero : U(Vector128.ShiftRightLogical(v.AsUInt32(), (int)count)),
        Mnemonic.Psrlq => count > 63 ? UInt128.Zero : U(Vector128.ShiftRightLogical(v.AsUInt64(), (int)count)),
        Mnemonic.Psraw => U(Vector128.ShiftRightArithmetic(v.AsInt16(), (int)Math.Min(count, 15))),
        _ => U(Vector128.ShiftRightArithmetic(v.AsInt32(), (int)Math.Min(count, 31))),
    };

    private static bool IsXmm(Register r) => r is >= Register.XMM0 and <= Register.XMM15;

    private static void SseCheck(X86Cpu c)
    {
        if ((c.Cr0Value & Cr.Cr0Em) != 0 || (c.Cr4Value & Cr.Cr4Osfxsr) == 0)
        {
            throw CpuFault.Ud();
        }

        if ((c.Cr0Value & Cr.Cr0Ts) != 0)
        {
            throw new CpuFault(CpuFault.NM, null);
        }
    }

    private static UInt128 ReadXmmOp(X86Cpu c, in Instruction i, int n, bool aligned)
    {
        if (i.GetOpKind(n) == OpKind.Register)
        {
            return c.Xmm[i.GetOpRegister(n) - Register.XMM0];
        }

        var lin = c.Linear(i, 16);
        if (aligned && (lin & 15) != 0)
        {
            throw CpuFault.Gp();
        }

        return c.Read128(lin);
    }

    private static void WriteXmmOp(X86Cpu c, in Instruction i, int n, UInt128 value, bool aligned)
    {
        if (i.GetOpKind(n) == OpKind.Register)
        {
            c.Xmm[i.GetOpRegister(n) - Register.XMM0] = value;
            return;
        }

        var lin = c.Linear(i, 16);
        if (aligned && (lin & 15) != 0)
        {
            throw CpuFault.Gp();
        }

        c.Write128(lin, value);
    }

    /// <summary>The SSE/SSE2 subset; false when the instruction is not one of them (or uses MMX registers).</summary>
    private static bool Simd(X86Cpu c, in Instruction i)
    {
        for (var n = 0; n < i.OpCount; n++)
        {
            if (i.GetOpKind(n) == OpKind.Register && i.GetOpRegister(n) is >= Register.MM0 and <= Register.MM7)
            {
                return false;
            }
        }

        switch (i.Mnemonic)
        {
            case Mnemonic.Movaps or Mnemonic.Movapd or Mnemonic.Movdqa:
                SseCheck(c);
                WriteXmmOp(c, i, 0, ReadXmmOp(c, i, 1, true), true);
                return true;
            case Mnemonic.Movups or Mnemonic.Movupd or Mnemonic.Movdqu or Mnemonic.Lddqu:
                SseCheck(c);
                WriteXmmOp(c, i, 0, ReadXmmOp(c, i, 1, false), false);
                return true;
            case Mnemonic.Movss: MoveScalar(c, i, 4); return true;
            case Mnemonic.Movsd: MoveScalar(c, i, 8); return true;
            case Mnemonic.Movd or Mnemonic.Movq: MoveIntegerToFromXmm(c, i); return true;
            case Mnemonic.Pxor or Mnemonic.Xorps or Mnemonic.Xorpd: Binary(c, i, static (a, b) => a ^ b); return true;
            case Mnemonic.Por or Mnemonic.Orps or Mnemonic.Orpd: Binary(c, i, static (a, b) => a | b); return true;
            case Mnemonic.Pand or Mnemonic.Andps or Mnemonic.Andpd: Binary(c, i, static (a, b) => a & b); return true;
            case Mnemonic.Pandn or Mnemonic.Andnps or Mnemonic.Andnpd: Binary(c, i, static (a, b) => ~a & b); return true;
            case Mnemonic.Pcmpeqb: Binary(c, i, static (a, b) => U(Vector128.Equals(V(a), V(b)))); return true;
            case Mnemonic.Pcmpeqw: Binary(c, i, static (a, b) => U(Vector128.Equals(V(a).AsUInt16(), V(b).AsUInt16()))); return true;
            case Mnemonic.Pcmpeqd: Binary(c, i, static (a, b) => U(Vector128.Equals(V(a).AsUInt32(), V(b).AsUInt32()))); return true;
            case Mnemonic.Paddb: Binary(c, i, static (a, b) => U(V(a) + V(b))); return true;
            case Mnemonic.Paddw: Binary(c, i, static (a, b) => U(V(a).AsUInt16() + V(b).AsUInt16())); return true;
            case Mnemonic.Paddd: Binary(c, i, static (a, b) => U(V(a).AsUInt32() + V(b).AsUInt32())); return true;
            case Mnemonic.Paddq: Binary(c, i, static (a, b) => U(V(a).AsUInt64() + V(b).AsUInt64())); return true;
            case Mnemonic.Psubb: Binary(c, i, static (a, b) => U(V(a) - V(b))); return true;
            case Mnemonic.Psubw: Binary(c, i, static (a, b) => U(V(a).AsUInt16() - V(b).AsUInt16())); return true;
            case Mnemonic.Psubd: Binary(c, i, static (a, b) => U(V(a).AsUInt32() - V(b).AsUInt32())); return true;
            case Mnemonic.Psubq: Binary(c, i, static (a, b) => U(V(a).AsUInt64() - V(b).AsUInt64())); return true;
            case Mnemonic.Punpcklbw: Binary(c, i, static (a, b) => Interleave(a, b, 1, false)); return true;
            case Mnemonic.Punpcklwd: Binary(c, i, static (a, b) => Interleave(a, b, 2, false)); return true;
            case Mnemonic.Punpckldq: Binary(c, i, static (a, b) => Interleave(a, b, 4, false)); return true;
            case Mnemonic.Punpcklqdq: Binary(c, i, static (a, b) => Interleave(a, b, 8, false)); return true;
            case Mnemonic.Punpckhbw: Binary(c, i, static (a, b) => Interleave(a, b, 1, true)); return true;
            case Mnemonic.Punpckhwd: Binary(c, i, static (a, b) => Interleave(a, b, 2, true)); return true;
            case Mnemonic.Punpckhdq: Binary(c, i, static (a, b) => Interleave(a, b, 4, true)); return true;
            case Mnemonic.Punpckhqdq: Binary(c, i, static (a, b) => Interleave(a, b, 8, true)); return true;
            case Mnemonic.Pmovmskb:
                {
                    SseCheck(c);
                    var v = V(c.Xmm[i.Op1Register - Register.XMM0]);
                    c.WriteReg(i.Op0Register, v.ExtractMostSignificantBits());
                    return true;
                }

            case Mnemonic.Pshufd:
                {
                    SseCheck(c);
                    var src = V(ReadXmmOp(c, i, 1, true)).AsUInt32();
                    var order = i.Immediate8;
                    var r = Vector128.Create(src[order & 3], src[(order >> 2) & 3], src[(order >> 4) & 3], src[(order >> 6) & 3]);
                    c.Xmm[i.Op0Register - Register.XMM0] = U(r);
                    return true;
                }

            case Mnemonic.Psllw or Mnemonic.Pslld or Mnemonic.Psllq or Mnemonic.Psrlw or Mnemonic.Psrld or Mnemonic.Psrlq or Mnemonic.Psraw or Mnemonic.Psrad:
                {
                    SseCheck(c);
                    var count = i.Op1Kind == OpKind.Immediate8 ? i.Immediate8 : (ulong)ReadXmmOp(c, i, 1, true);
                    var index = i.Op0Register - Register.XMM0;
                    c.Xmm[index] = ShiftLanes(V(c.Xmm[index]), count, i.Mnemonic);
                    return true;
                }

            case Mnemonic.Pslldq or Mnemonic.Psrldq:
                {
                    SseCheck(c);
                    var k = Math.Min((int)i.Immediate8, 16) * 8;
                    var x = c.Xmm[i.Op0Register - Register.XMM0];
                    c.Xmm[i.Op0Register - Register.XMM0] = k >= 128 ? UInt128.Zero : i.Mnemonic == Mnemonic.Pslldq ? x << k : x >> k;
                    return true;
                }

            case Mnemonic.Ldmxcsr:
                {
                    SseCheck(c);
                    var v = c.Read32(c.Linear(i, 4));
                    if ((v & ~0xFFFFu) != 0)
                    {
                        throw CpuFault.Gp();
                    }

                    c.Mxcsr = v;
                    return true;
                }

            case Mnemonic.Stmxcsr:
                SseCheck(c);
                c.Write32(c.Linear(i, 4), c.Mxcsr);
                return true;
            case Mnemonic.Fxsave or Mnemonic.Fxsave64: FpuStateSave.Fxsave(c, i, i.Mnemonic == Mnemonic.Fxsave64); return true;
            case Mnemonic.Fxrstor or Mnemonic.Fxrstor64: FpuStateSave.Fxrstor(c, i, i.Mnemonic == Mnemonic.Fxrstor64); return true;
            case Mnemonic.Xsave or Mnemonic.Xsave64 or Mnemonic.Xsaveopt or Mnemonic.Xsaveopt64:
                FpuStateSave.Xsave(c, i, i.Mnemonic is Mnemonic.Xsave64 or Mnemonic.Xsaveopt64);
                return true;
            case Mnemonic.Xrstor or Mnemonic.Xrstor64: FpuStateSave.Xrstor(c, i, i.Mnemonic == Mnemonic.Xrstor64); return true;
            default:
                return SseFloat(c, i);
        }
    }

    private static UInt128 Interleave(UInt128 a, UInt128 b, int width, bool high)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        Span<byte> r = stackalloc byte[16];
        V(a).CopyTo(x);
        V(b).CopyTo(y);
        var start = high ? 8 : 0;
        for (int k = 0, o = 0; k < 8; k += width)
        {
            x.Slice(start + k, width).CopyTo(r[o..]);
            o += width;
            y.Slice(start + k, width).CopyTo(r[o..]);
            o += width;
        }

        return U(Vector128.Create((ReadOnlySpan<byte>)r));
    }

    private static void Binary(X86Cpu c, in Instruction i, Func<UInt128, UInt128, UInt128> op)
    {
        SseCheck(c);
        var d = i.Op0Register - Register.XMM0;
        c.Xmm[d] = op(c.Xmm[d], ReadXmmOp(c, i, 1, true));
    }

    private static void MoveScalar(X86Cpu c, in Instruction i, int size)
    {
        SseCheck(c);
        var mask = size == 4 ? (UInt128)0xFFFF_FFFF : ulong.MaxValue;
        if (i.Op0Kind == OpKind.Memory)
        {
            var v = (ulong)(c.Xmm[i.Op1Register - Register.XMM0] & mask);
            c.WriteSized(c.Linear(i, size), size, v);
            return;
        }

        var d = i.Op0Register - Register.XMM0;
        if (i.Op1Kind == OpKind.Memory)
        {
            c.Xmm[d] = c.ReadSized(c.Linear(i, size), size);
            return;
        }

        c.Xmm[d] = (c.Xmm[d] & ~mask) | (c.Xmm[i.Op1Register - Register.XMM0] & mask);
    }

    private static void MoveIntegerToFromXmm(X86Cpu c, in Instruction i)
    {
        SseCheck(c);
        var size = i.Mnemonic == Mnemonic.Movd ? 4 : 8;
        if (i.Op0Kind == OpKind.Register && IsXmm(i.Op0Register))
        {
            ulong v;
            if (i.Op1Kind == OpKind.Register && IsXmm(i.Op1Register))
            {
                v = (ulong)c.Xmm[i.Op1Register - Register.XMM0];
            }
            else
            {
                v = c.ReadOp(i, 1, size);
            }

            c.Xmm[i.Op0Register - Register.XMM0] = size == 4 ? (uint)v : v;
            return;
        }

        var x = (ulong)c.Xmm[i.Op1Register - Register.XMM0];
        c.WriteOp(i, 0, size, size == 4 ? (uint)x : x);
    }
}
