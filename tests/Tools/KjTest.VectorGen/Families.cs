using Iced.Intel;

namespace KjTest.VectorGen;

/// <summary>The integer mnemonics covered by the vectors, grouped into one output file per family.</summary>
internal static class Families
{
    private static readonly Dictionary<Mnemonic, string> ByMnemonic = Build();

    /// <summary>The family file name of <paramref name="mnemonic"/>, or null when it is not covered.</summary>
    public static string? Of(Mnemonic mnemonic) => ByMnemonic.GetValueOrDefault(mnemonic);

    private static Dictionary<Mnemonic, string> Build()
    {
        var map = new Dictionary<Mnemonic, string>();
        void Add(string family, params Mnemonic[] mnemonics)
        {
            foreach (var m in mnemonics)
            {
                map[m] = family;
            }
        }

        Add("mov", Mnemonic.Mov, Mnemonic.Movzx, Mnemonic.Movsx, Mnemonic.Movsxd, Mnemonic.Lea, Mnemonic.Xchg, Mnemonic.Bswap);
        Add("cmpxchg", Mnemonic.Cmpxchg, Mnemonic.Cmpxchg8b, Mnemonic.Cmpxchg16b, Mnemonic.Xadd);
        Add("stack", Mnemonic.Push, Mnemonic.Pop, Mnemonic.Pushf, Mnemonic.Pushfd, Mnemonic.Pushfq, Mnemonic.Popf, Mnemonic.Popfd, Mnemonic.Popfq, Mnemonic.Enter, Mnemonic.Leave);
        Add("arith", Mnemonic.Add, Mnemonic.Adc, Mnemonic.Sub, Mnemonic.Sbb, Mnemonic.Cmp, Mnemonic.Neg, Mnemonic.Inc, Mnemonic.Dec);
        Add("muldiv", Mnemonic.Mul, Mnemonic.Imul, Mnemonic.Div, Mnemonic.Idiv);
        Add("logic", Mnemonic.And, Mnemonic.Or, Mnemonic.Xor, Mnemonic.Not, Mnemonic.Test);
        Add("shift", Mnemonic.Shl, Mnemonic.Sal, Mnemonic.Shr, Mnemonic.Sar);
        Add("rotate", Mnemonic.Rol, Mnemonic.Ror, Mnemonic.Rcl, Mnemonic.Rcr);
        Add("shiftd", Mnemonic.Shld, Mnemonic.Shrd);
        Add("bittest", Mnemonic.Bt, Mnemonic.Bts, Mnemonic.Btr, Mnemonic.Btc);
        Add("bitscan", Mnemonic.Bsf, Mnemonic.Bsr, Mnemonic.Tzcnt, Mnemonic.Lzcnt);
        Add("movbe", Mnemonic.Movbe);
        Add("popcnt", Mnemonic.Popcnt);
        Add("setcc", Mnemonic.Seto, Mnemonic.Setno, Mnemonic.Setb, Mnemonic.Setae, Mnemonic.Sete, Mnemonic.Setne, Mnemonic.Setbe, Mnemonic.Seta,
            Mnemonic.Sets, Mnemonic.Setns, Mnemonic.Setp, Mnemonic.Setnp, Mnemonic.Setl, Mnemonic.Setge, Mnemonic.Setle, Mnemonic.Setg);
        Add("cmovcc", Mnemonic.Cmovo, Mnemonic.Cmovno, Mnemonic.Cmovb, Mnemonic.Cmovae, Mnemonic.Cmove, Mnemonic.Cmovne, Mnemonic.Cmovbe, Mnemonic.Cmova,
            Mnemonic.Cmovs, Mnemonic.Cmovns, Mnemonic.Cmovp, Mnemonic.Cmovnp, Mnemonic.Cmovl, Mnemonic.Cmovge, Mnemonic.Cmovle, Mnemonic.Cmovg);
        Add("convert", Mnemonic.Cbw, Mnemonic.Cwde, Mnemonic.Cdqe, Mnemonic.Cwd, Mnemonic.Cdq, Mnemonic.Cqo);
        Add("flags", Mnemonic.Clc, Mnemonic.Stc, Mnemonic.Cmc, Mnemonic.Cld, Mnemonic.Std, Mnemonic.Lahf, Mnemonic.Sahf);
        Add("xlat", Mnemonic.Xlatb);
        Add("string", Mnemonic.Movsb, Mnemonic.Movsw, Mnemonic.Movsd, Mnemonic.Movsq, Mnemonic.Stosb, Mnemonic.Stosw, Mnemonic.Stosd, Mnemonic.Stosq,
            Mnemonic.Lodsb, Mnemonic.Lodsw, Mnemonic.Lodsd, Mnemonic.Lodsq, Mnemonic.Cmpsb, Mnemonic.Cmpsw, Mnemonic.Cmpsd, Mnemonic.Cmpsq,
            Mnemonic.Scasb, Mnemonic.Scasw, Mnemonic.Scasd, Mnemonic.Scasq);
        Add("branch", Mnemonic.Jo, Mnemonic.Jno, Mnemonic.Jb, Mnemonic.Jae, Mnemonic.Je, Mnemonic.Jne, Mnemonic.Jbe, Mnemonic.Ja,
            Mnemonic.Js, Mnemonic.Jns, Mnemonic.Jp, Mnemonic.Jnp, Mnemonic.Jl, Mnemonic.Jge, Mnemonic.Jle, Mnemonic.Jg,
            Mnemonic.Jmp, Mnemonic.Call, Mnemonic.Ret, Mnemonic.Jrcxz, Mnemonic.Jecxz);
        return map;
    }
}
