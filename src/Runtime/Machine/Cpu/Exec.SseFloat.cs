using Iced.Intel;
using KjTest.Runtime.Machine.Cpu.Sse;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// SSE and SSE2 floating point, scalar and packed, on the exact lane arithmetic of <c>Sse/</c>. Every lane is computed
/// before anything is written: an unmasked exception raises #XM (#UD with CR4.OSXMMEXCPT clear) and leaves the
/// destination as it was, with the flags of the exceptions found set in MXCSR.
/// </summary>
internal static partial class Exec
{
    private static SseFormat F32 => SseFormat.Single;

    private static SseFormat F64 => SseFormat.Double;

    private static bool SseFloat(X86Cpu c, in Instruction i)
    {
        switch (i.Mnemonic)
        {
            case Mnemonic.Addss: SseScalar(c, i, F32, SseArithmetic.Add); return true;
            case Mnemonic.Addsd: SseScalar(c, i, F64, SseArithmetic.Add); return true;
            case Mnemonic.Addps: SsePacked(c, i, F32, SseArithmetic.Add); return true;
            case Mnemonic.Addpd: SsePacked(c, i, F64, SseArithmetic.Add); return true;
            case Mnemonic.Subss: SseScalar(c, i, F32, SseArithmetic.Subtract); return true;
            case Mnemonic.Subsd: SseScalar(c, i, F64, SseArithmetic.Subtract); return true;
            case Mnemonic.Subps: SsePacked(c, i, F32, SseArithmetic.Subtract); return true;
            case Mnemonic.Subpd: SsePacked(c, i, F64, SseArithmetic.Subtract); return true;
            case Mnemonic.Mulss: SseScalar(c, i, F32, SseArithmetic.Multiply); return true;
            case Mnemonic.Mulsd: SseScalar(c, i, F64, SseArithmetic.Multiply); return true;
            case Mnemonic.Mulps: SsePacked(c, i, F32, SseArithmetic.Multiply); return true;
            case Mnemonic.Mulpd: SsePacked(c, i, F64, SseArithmetic.Multiply); return true;
            case Mnemonic.Divss: SseScalar(c, i, F32, SseArithmetic.Divide); return true;
            case Mnemonic.Divsd: SseScalar(c, i, F64, SseArithmetic.Divide); return true;
            case Mnemonic.Divps: SsePacked(c, i, F32, SseArithmetic.Divide); return true;
            case Mnemonic.Divpd: SsePacked(c, i, F64, SseArithmetic.Divide); return true;
            case Mnemonic.Minss: SseScalar(c, i, F32, SseArithmetic.Minimum); return true;
            case Mnemonic.Minsd: SseScalar(c, i, F64, SseArithmetic.Minimum); return true;
            case Mnemonic.Minps: SsePacked(c, i, F32, SseArithmetic.Minimum); return true;
            case Mnemonic.Minpd: SsePacked(c, i, F64, SseArithmetic.Minimum); return true;
            case Mnemonic.Maxss: SseScalar(c, i, F32, SseArithmetic.Maximum); return true;
            case Mnemonic.Maxsd: SseScalar(c, i, F64, SseArithmetic.Maximum); return true;
            case Mnemonic.Maxps: SsePacked(c, i, F32, SseArithmetic.Maximum); return true;
            case Mnemonic.Maxpd: SsePacked(c, i, F64, SseArithmetic.Maximum); return true;
            case Mnemonic.Sqrtss: SseScalar(c, i, F32, SqrtLane, unary: true); return true;
            case Mnemonic.Sqrtsd: SseScalar(c, i, F64, SqrtLane, unary: true); return true;
            case Mnemonic.Sqrtps: SsePacked(c, i, F32, SqrtLane, unary: true); return true;
            case Mnemonic.Sqrtpd: SsePacked(c, i, F64, SqrtLane, unary: true); return true;
            case Mnemonic.Cmpss: SseScalar(c, i, F32, CompareLane(i)); return true;
            case Mnemonic.Cmpsd: SseScalar(c, i, F64, CompareLane(i)); return true;
            case Mnemonic.Cmpps: SsePacked(c, i, F32, CompareLane(i)); return true;
            case Mnemonic.Cmppd: SsePacked(c, i, F64, CompareLane(i)); return true;
            case Mnemonic.Comiss or Mnemonic.Ucomiss: SseCompareFlags(c, i, F32, i.Mnemonic == Mnemonic.Comiss); return true;
            case Mnemonic.Comisd or Mnemonic.Ucomisd: SseCompareFlags(c, i, F64, i.Mnemonic == Mnemonic.Comisd); return true;
            case Mnemonic.Cvtsi2ss: SseFromInteger(c, i, F32); return true;
            case Mnemonic.Cvtsi2sd: SseFromInteger(c, i, F64); return true;
            case Mnemonic.Cvtss2si or Mnemonic.Cvttss2si: SseToInteger(c, i, F32, i.Mnemonic == Mnemonic.Cvttss2si); return true;
            case Mnemonic.Cvtsd2si or Mnemonic.Cvttsd2si: SseToInteger(c, i, F64, i.Mnemonic == Mnemonic.Cvttsd2si); return true;
            case Mnemonic.Cvtss2sd: SseScalar(c, i, F64, (_, b, _, ref ctx) => SseConvert.Format(b, F32, F64, ref ctx), unary: true, sourceFormat: F32); return true;
            case Mnemonic.Cvtsd2ss: SseScalar(c, i, F32, (_, b, _, ref ctx) => SseConvert.Format(b, F64, F32, ref ctx), unary: true, sourceFormat: F64); return true;
            case Mnemonic.Cvtps2pd or Mnemonic.Cvtpd2ps or Mnemonic.Cvtdq2ps or Mnemonic.Cvtdq2pd
                or Mnemonic.Cvtps2dq or Mnemonic.Cvttps2dq or Mnemonic.Cvtpd2dq or Mnemonic.Cvttpd2dq:
                SsePackedConvert(c, i);
                return true;
            default:
                return false;
        }
    }

    private static ulong SqrtLane(ulong a, ulong b, SseFormat f, ref SseContext ctx) => SseArithmetic.SquareRoot(b, f, ref ctx);

    // CMPPS and its kin: the low three bits of the immediate; LT, LE, NLT and NLE signal on a quiet NaN too.
    private static SseLaneBinary CompareLane(in Instruction i)
    {
        var predicate = (int)(i.GetImmediate(2) & 7);
        return (a, b, f, ref ctx) =>
        {
            var order = SseArithmetic.Compare(a, b, f, ref ctx, quietSignals: predicate is 1 or 2 or 5 or 6);
            var truth = predicate switch
            {
                0 => order == SseOrdering.Equal,
                1 => order == SseOrdering.Less,
                2 => order is SseOrdering.Less or SseOrdering.Equal,
                3 => order == SseOrdering.Unordered,
                4 => order != SseOrdering.Equal,
                5 => order != SseOrdering.Less,
                6 => order is not (SseOrdering.Less or SseOrdering.Equal),
                _ => order != SseOrdering.Unordered,
            };
            return truth ? f.Mask : 0;
        };
    }

    private static ulong Lane(UInt128 v, int k, int width) => (ulong)(v >> (k * width)) & (width == 64 ? ulong.MaxValue : 0xFFFF_FFFF);

    private static UInt128 WithLane(UInt128 v, int k, int width, ulong lane)
    {
        var mask = (width == 64 ? (UInt128)ulong.MaxValue : 0xFFFF_FFFF) << (k * width);
        return (v & ~mask) | (((UInt128)lane << (k * width)) & mask);
    }

    /// <summary>Sets the flags found in MXCSR, and faults when one of them is unmasked.</summary>
    private static void SseFinish(X86Cpu c, in SseContext ctx)
    {
        var unmasked = ~(c.Mxcsr >> MxcsrBits.MaskShift) & MxcsrBits.Flags;
        if ((ctx.Pre & unmasked) != 0)
        {
            c.Mxcsr |= ctx.Pre;
            throw SimdFault(c);
        }

        c.Mxcsr |= ctx.Pre | ctx.Post;
        if (((ctx.Pre | ctx.Post) & unmasked) != 0)
        {
            throw SimdFault(c);
        }
    }

    private static CpuFault SimdFault(X86Cpu c) =>
        (c.Cr4Value & Cr.Cr4Osxmmexcpt) != 0 ? new CpuFault(CpuFault.XM, null) : CpuFault.Ud("unmasked SIMD floating-point exception with CR4.OSXMMEXCPT clear");

    // The low lane of the source: a register's, or width bits of memory with no alignment rule.
    private static ulong ScalarSource(X86Cpu c, in Instruction i, int n, int width) =>
        i.GetOpKind(n) == OpKind.Register ? Lane(c.Xmm[i.GetOpRegister(n) - Register.XMM0], 0, width) : c.ReadSized(c.Linear(i, width / 8), width / 8);

    private static void SseScalar(X86Cpu c, in Instruction i, SseFormat f, SseLaneBinary op, bool unary = false, SseFormat? sourceFormat = null)
    {
        SseCheck(c);
        var d = i.Op0Register - Register.XMM0;
        var a = c.Xmm[d];
        var b = ScalarSource(c, i, 1, (sourceFormat ?? f).Width);
        var ctx = new SseContext(c.Mxcsr);
        var r = op(unary ? 0 : Lane(a, 0, f.Width), b, f, ref ctx);
        SseFinish(c, ctx);
        c.Xmm[d] = WithLane(a, 0, f.Width, r);
    }

    private static void SsePacked(X86Cpu c, in Instruction i, SseFormat f, SseLaneBinary op, bool unary = false)
    {
        SseCheck(c);
        var d = i.Op0Register - Register.XMM0;
        var a = c.Xmm[d];
        var b = ReadXmmOp(c, i, 1, true);
        var ctx = new SseContext(c.Mxcsr);
        var r = UInt128.Zero;
        for (var k = 0; k < 128 / f.Width; k++)
        {
            r = WithLane(r, k, f.Width, op(unary ? 0 : Lane(a, k, f.Width), Lane(b, k, f.Width), f, ref ctx));
        }

        SseFinish(c, ctx);
        c.Xmm[d] = r;
    }

    private static void SseCompareFlags(X86Cpu c, in Instruction i, SseFormat f, bool ordered)
    {
        SseCheck(c);
        var a = Lane(c.Xmm[i.Op0Register - Register.XMM0], 0, f.Width);
        var b = ScalarSource(c, i, 1, f.Width);
        var ctx = new SseContext(c.Mxcsr);
        var order = SseArithmetic.Compare(a, b, f, ref ctx, quietSignals: ordered);
        SseFinish(c, ctx);
        c.SetArithFlags(
            cf: order is SseOrdering.Less or SseOrdering.Unordered,
            pf: order == SseOrdering.Unordered,
            af: false,
            zf: order is SseOrdering.Equal or SseOrdering.Unordered,
            sf: false,
            of: false);
    }

    private static void SseFromInteger(X86Cpu c, in Instruction i, SseFormat f)
    {
        SseCheck(c);
        var size = i.Op1Kind == OpKind.Register ? X86Cpu.RegSize(i.Op1Register) : i.MemorySize.GetSize();
        var raw = c.ReadOp(i, 1, size);
        var value = size == 8 ? (long)raw : (int)(uint)raw;
        var d = i.Op0Register - Register.XMM0;
        var ctx = new SseContext(c.Mxcsr);
        var r = SseConvert.FromInteger(value, f, ref ctx);
        SseFinish(c, ctx);
        c.Xmm[d] = WithLane(c.Xmm[d], 0, f.Width, r);
    }

    private static void SseToInteger(X86Cpu c, in Instruction i, SseFormat f, bool truncate)
    {
        SseCheck(c);
        var width = X86Cpu.RegSize(i.Op0Register) * 8;
        var x = ScalarSource(c, i, 1, f.Width);
        var ctx = new SseContext(c.Mxcsr);
        var r = SseConvert.ToInteger(x, f, width, truncate, ref ctx);
        SseFinish(c, ctx);
        c.WriteReg(i.Op0Register, r);
    }

    private static void SsePackedConvert(X86Cpu c, in Instruction i)
    {
        SseCheck(c);
        // The two-lane sources (CVTPS2PD, CVTDQ2PD) read 64 bits; the others a whole aligned register's worth.
        var halfSource = i.Mnemonic is Mnemonic.Cvtps2pd or Mnemonic.Cvtdq2pd;
        var b = halfSource ? (i.Op1Kind == OpKind.Register ? c.Xmm[i.Op1Register - Register.XMM0] & ulong.MaxValue : c.Read64(c.Linear(i, 8))) : ReadXmmOp(c, i, 1, true);
        var ctx = new SseContext(c.Mxcsr);
        var r = UInt128.Zero;
        switch (i.Mnemonic)
        {
            case Mnemonic.Cvtps2pd:
                for (var k = 0; k < 2; k++) { r = WithLane(r, k, 64, SseConvert.Format(Lane(b, k, 32), F32, F64, ref ctx)); }
                break;
            case Mnemonic.Cvtpd2ps:
                for (var k = 0; k < 2; k++) { r = WithLane(r, k, 32, SseConvert.Format(Lane(b, k, 64), F64, F32, ref ctx)); }
                break;
            case Mnemonic.Cvtdq2ps:
                for (var k = 0; k < 4; k++) { r = WithLane(r, k, 32, SseConvert.FromInteger((int)(uint)Lane(b, k, 32), F32, ref ctx)); }
                break;
            case Mnemonic.Cvtdq2pd:
                for (var k = 0; k < 2; k++) { r = WithLane(r, k, 64, SseConvert.FromInteger((int)(uint)Lane(b, k, 32), F64, ref ctx)); }
                break;
            case Mnemonic.Cvtps2dq or Mnemonic.Cvttps2dq:
                for (var k = 0; k < 4; k++) { r = WithLane(r, k, 32, SseConvert.ToInteger(Lane(b, k, 32), F32, 32, i.Mnemonic == Mnemonic.Cvttps2dq, ref ctx)); }
                break;
            default:
                for (var k = 0; k < 2; k++) { r = WithLane(r, k, 32, SseConvert.ToInteger(Lane(b, k, 64), F64, 32, i.Mnemonic == Mnemonic.Cvttpd2dq, ref ctx)); }
                break;
        }

        SseFinish(c, ctx);
        c.Xmm[i.Op0Register - Register.XMM0] = r;
    }
}
