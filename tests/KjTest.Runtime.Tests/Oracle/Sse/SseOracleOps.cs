using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>The SSE/SSE2 floating-point forms the oracle covers, encoded by Iced.</summary>
internal static class SseOracleOps
{
    public static IReadOnlyList<SseOracleOp> All { get; } = Build();

    private static List<SseOracleOp> Build()
    {
        var ops = new List<SseOracleOp>();
        void Add(string family, SseOracleInput source, bool doubleDestination, Action<Assembler> emit)
        {
            var a = new Assembler(64);
            emit(a);
            using var stream = new MemoryStream();
            a.Assemble(new StreamCodeWriter(stream), 0);
            var bytes = stream.ToArray();
            var decoder = Decoder.Create(64, bytes);
            var text = new StringOutput();
            new NasmFormatter().Format(decoder.Decode(), text);
            ops.Add(new SseOracleOp(text.ToStringAndReset(), family, bytes, source, doubleDestination));
        }

        const SseOracleInput S = SseOracleInput.Single;
        const SseOracleInput D = SseOracleInput.Double;
        Add("arith", S, false, a => a.addss(xmm0, xmm1));
        Add("arith", D, true, a => a.addsd(xmm0, xmm1));
        Add("arith", S, false, a => a.addps(xmm0, xmm1));
        Add("arith", D, true, a => a.addpd(xmm0, xmm1));
        Add("arith", S, false, a => a.subss(xmm0, xmm1));
        Add("arith", D, true, a => a.subsd(xmm0, xmm1));
        Add("arith", S, false, a => a.subps(xmm0, xmm1));
        Add("arith", D, true, a => a.subpd(xmm0, xmm1));
        Add("arith", S, false, a => a.mulss(xmm0, xmm1));
        Add("arith", D, true, a => a.mulsd(xmm0, xmm1));
        Add("arith", S, false, a => a.mulps(xmm0, xmm1));
        Add("arith", D, true, a => a.mulpd(xmm0, xmm1));
        Add("arith", S, false, a => a.divss(xmm0, xmm1));
        Add("arith", D, true, a => a.divsd(xmm0, xmm1));
        Add("arith", S, false, a => a.divps(xmm0, xmm1));
        Add("arith", D, true, a => a.divpd(xmm0, xmm1));
        Add("sqrt", S, false, a => a.sqrtss(xmm0, xmm1));
        Add("sqrt", D, true, a => a.sqrtsd(xmm0, xmm1));
        Add("sqrt", S, false, a => a.sqrtps(xmm0, xmm1));
        Add("sqrt", D, true, a => a.sqrtpd(xmm0, xmm1));
        Add("minmax", S, false, a => a.minss(xmm0, xmm1));
        Add("minmax", D, true, a => a.minsd(xmm0, xmm1));
        Add("minmax", S, false, a => a.minps(xmm0, xmm1));
        Add("minmax", D, true, a => a.minpd(xmm0, xmm1));
        Add("minmax", S, false, a => a.maxss(xmm0, xmm1));
        Add("minmax", D, true, a => a.maxsd(xmm0, xmm1));
        Add("minmax", S, false, a => a.maxps(xmm0, xmm1));
        Add("minmax", D, true, a => a.maxpd(xmm0, xmm1));
        for (var p = 0; p < 8; p++)
        {
            var imm = (sbyte)p;
            Add("compare", S, false, a => a.cmpss(xmm0, xmm1, imm));
            Add("compare", D, true, a => a.cmpsd(xmm0, xmm1, imm));
            Add("compare", S, false, a => a.cmpps(xmm0, xmm1, imm));
            Add("compare", D, true, a => a.cmppd(xmm0, xmm1, imm));
        }

        Add("compare", S, false, a => a.comiss(xmm0, xmm1));
        Add("compare", S, false, a => a.ucomiss(xmm0, xmm1));
        Add("compare", D, true, a => a.comisd(xmm0, xmm1));
        Add("compare", D, true, a => a.ucomisd(xmm0, xmm1));
        Add("convert", SseOracleInput.Gpr, false, a => a.cvtsi2ss(xmm0, eax));
        Add("convert", SseOracleInput.Gpr, false, a => a.cvtsi2ss(xmm0, rax));
        Add("convert", SseOracleInput.Gpr, true, a => a.cvtsi2sd(xmm0, eax));
        Add("convert", SseOracleInput.Gpr, true, a => a.cvtsi2sd(xmm0, rax));
        Add("convert", S, false, a => a.cvtss2si(eax, xmm1));
        Add("convert", S, false, a => a.cvtss2si(rax, xmm1));
        Add("convert", S, false, a => a.cvttss2si(eax, xmm1));
        Add("convert", S, false, a => a.cvttss2si(rax, xmm1));
        Add("convert", D, true, a => a.cvtsd2si(eax, xmm1));
        Add("convert", D, true, a => a.cvtsd2si(rax, xmm1));
        Add("convert", D, true, a => a.cvttsd2si(eax, xmm1));
        Add("convert", D, true, a => a.cvttsd2si(rax, xmm1));
        Add("convert", S, true, a => a.cvtss2sd(xmm0, xmm1));
        Add("convert", D, false, a => a.cvtsd2ss(xmm0, xmm1));
        Add("convert", S, true, a => a.cvtps2pd(xmm0, xmm1));
        Add("convert", D, false, a => a.cvtpd2ps(xmm0, xmm1));
        Add("convert", SseOracleInput.Int32Lanes, false, a => a.cvtdq2ps(xmm0, xmm1));
        Add("convert", SseOracleInput.Int32Lanes, true, a => a.cvtdq2pd(xmm0, xmm1));
        Add("convert", S, false, a => a.cvtps2dq(xmm0, xmm1));
        Add("convert", S, false, a => a.cvttps2dq(xmm0, xmm1));
        Add("convert", D, false, a => a.cvtpd2dq(xmm0, xmm1));
        Add("convert", D, false, a => a.cvttpd2dq(xmm0, xmm1));
        return ops;
    }
}
