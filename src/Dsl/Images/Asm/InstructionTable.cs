using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>
/// The encodings KjTest's assembler can choose from: every legacy and VEX <see cref="Code"/> of a
/// mnemonic, valid in the current bitness, whose operand kinds the operand matcher understands.
/// </summary>
internal static class InstructionTable
{
    private static readonly HashSet<OpCodeOperandKind> Unsupported =
    [
        OpCodeOperandKind.mem_mpx, OpCodeOperandKind.mem_mib, OpCodeOperandKind.mem_vsib32x, OpCodeOperandKind.mem_vsib64x,
        OpCodeOperandKind.mem_vsib32y, OpCodeOperandKind.mem_vsib64y, OpCodeOperandKind.mem_vsib32z, OpCodeOperandKind.mem_vsib64z,
        OpCodeOperandKind.r32_or_mem_mpx, OpCodeOperandKind.r64_or_mem_mpx, OpCodeOperandKind.bnd_or_mem_mpx, OpCodeOperandKind.bnd_reg,
        OpCodeOperandKind.k_or_mem, OpCodeOperandKind.k_reg, OpCodeOperandKind.kp1_reg, OpCodeOperandKind.k_rm, OpCodeOperandKind.k_vvvv,
        OpCodeOperandKind.zmm_or_mem, OpCodeOperandKind.zmm_reg, OpCodeOperandKind.zmm_rm, OpCodeOperandKind.zmm_vvvv, OpCodeOperandKind.zmmp3_vvvv,
        OpCodeOperandKind.xmmp3_vvvv, OpCodeOperandKind.xmm_is5, OpCodeOperandKind.ymm_is5, OpCodeOperandKind.imm4_m2z,
        OpCodeOperandKind.farbr2_2, OpCodeOperandKind.br16_1, OpCodeOperandKind.br16_2, OpCodeOperandKind.xbegin_2, OpCodeOperandKind.xbegin_4,
        OpCodeOperandKind.brdisp_2, OpCodeOperandKind.brdisp_4, OpCodeOperandKind.sibmem, OpCodeOperandKind.tmm_reg, OpCodeOperandKind.tmm_rm,
        OpCodeOperandKind.tmm_vvvv,
    ];

    private static readonly Dictionary<Mnemonic, Code[]> CodesByMnemonic = BuildCodes();
    private static readonly Dictionary<string, MnemonicEntry> Names = BuildNames();
    private static readonly Dictionary<Mnemonic, Code[]> Codes64 = CodesByMnemonic.ToDictionary(p => p.Key, p => p.Value.Where(c => c.ToOpCode().Mode64).ToArray());
    private static readonly Dictionary<Mnemonic, Code[]> Codes32 = CodesByMnemonic.ToDictionary(p => p.Key, p => p.Value.Where(c => c.ToOpCode().Mode32).ToArray());
    private static readonly OpCodeOperandKind[][] OperandKinds = Enum.GetValues<Code>()
        .Select(code => Enumerable.Range(0, code.ToOpCode().OpCount).Select(code.ToOpCode().GetOpKind).ToArray())
        .ToArray();

    private static readonly MemorySize[] MemorySizes = Enum.GetValues<Code>().Select(code => new Instruction { Code = code }.MemorySize).ToArray();

    /// <summary>Every mnemonic name accepted, for did-you-mean hints.</summary>
    public static IEnumerable<string> AllNames => Names.Keys;

    /// <summary>Looks up a mnemonic as written; some names depend on the bitness (pushf, popf).</summary>
    public static bool TryLookup(string name, int bitness, out MnemonicEntry entry)
    {
        var lower = name.ToLowerInvariant();
        switch (lower)
        {
            case "pushf":
                entry = new MnemonicEntry(bitness == 64 ? Mnemonic.Pushfq : Mnemonic.Pushfd, 0);
                return true;
            case "popf":
                entry = new MnemonicEntry(bitness == 64 ? Mnemonic.Popfq : Mnemonic.Popfd, 0);
                return true;
            case "pusha":
                entry = new MnemonicEntry(Mnemonic.Pushad, 0);
                return true;
            case "popa":
                entry = new MnemonicEntry(Mnemonic.Popad, 0);
                return true;
        }

        return Names.TryGetValue(lower, out entry);
    }

    /// <summary>The candidate encodings of a mnemonic valid in code of the given bitness, in <see cref="Code"/> order.</summary>
    public static IReadOnlyList<Code> Codes(Mnemonic mnemonic, int bitness) =>
        (bitness == 64 ? Codes64 : Codes32).TryGetValue(mnemonic, out var codes) ? codes : [];

    /// <summary>The operand kinds of <paramref name="code"/>, cached because every candidate of every line asks.</summary>
    public static OpCodeOperandKind[] Kinds(Code code) => OperandKinds[(int)code];

    /// <summary>The memory size of <paramref name="code"/>'s memory operand.</summary>
    public static MemorySize MemorySizeOf(Code code) => MemorySizes[(int)code];

    /// <summary>The forms of a mnemonic in Intel's notation, for "no form takes these operands" hints.</summary>
    public static string Forms(Mnemonic mnemonic, int bitness)
    {
        var forms = Codes(mnemonic, bitness).Select(code => code.ToOpCode().ToInstructionString()).Distinct().ToList();
        if (forms.Count == 0)
        {
            return $"it has no form in {bitness}-bit code";
        }

        const int Shown = 12;
        var text = string.Join("; ", forms.Take(Shown));
        return "forms: " + text + (forms.Count > Shown ? $"; and {forms.Count - Shown} more" : "");
    }

    private static Dictionary<Mnemonic, Code[]> BuildCodes()
    {
        var result = new Dictionary<Mnemonic, List<Code>>();
        foreach (var code in Enum.GetValues<Code>())
        {
            var op = code.ToOpCode();
            // Codes needing a decoder option are other vendors' or historic encodings (486 cmpxchg, Knights Corner).
            if (!op.IsInstruction || op.Encoding is not (EncodingKind.Legacy or EncodingKind.VEX) || op.AddressSize == 16 || (!op.Mode32 && !op.Mode64)
                || op.DecoderOption != DecoderOptions.None)
            {
                continue;
            }

            var supported = true;
            for (var i = 0; i < op.OpCount; i++)
            {
                supported &= !Unsupported.Contains(op.GetOpKind(i));
            }

            if (!supported)
            {
                continue;
            }

            var mnemonic = code.Mnemonic();
            if (!result.TryGetValue(mnemonic, out var list))
            {
                result[mnemonic] = list = [];
            }

            list.Add(code);
        }

        return result.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    private static Dictionary<string, MnemonicEntry> BuildNames()
    {
        var names = new Dictionary<string, MnemonicEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var mnemonic in CodesByMnemonic.Keys)
        {
            names[mnemonic.ToString().ToLowerInvariant()] = new MnemonicEntry(mnemonic, 0);
        }

        // Condition-code synonyms: jz = je, cmovnae = cmovb, setpo = setnp, ...
        (string Alias, string Canonical)[] conditions =
        [
            ("z", "e"), ("nz", "ne"), ("c", "b"), ("nae", "b"), ("nc", "ae"), ("nb", "ae"), ("na", "be"), ("nbe", "a"),
            ("pe", "p"), ("po", "np"), ("nge", "l"), ("nl", "ge"), ("ng", "le"), ("nle", "g"),
        ];
        foreach (var stem in new[] { "j", "cmov", "set" })
        {
            foreach (var (alias, canonical) in conditions)
            {
                if (names.TryGetValue(stem + canonical, out var entry))
                {
                    names[stem + alias] = entry;
                }
            }
        }

        names["iret"] = new MnemonicEntry(Mnemonic.Iretd, 0);
        names["iretw"] = new MnemonicEntry(Mnemonic.Iret, 16);
        names["retn"] = new MnemonicEntry(Mnemonic.Ret, 0);
        names["retq"] = new MnemonicEntry(Mnemonic.Ret, 64);
        names["retfw"] = new MnemonicEntry(Mnemonic.Retf, 16);
        names["retfd"] = new MnemonicEntry(Mnemonic.Retf, 32);
        names["retfq"] = new MnemonicEntry(Mnemonic.Retf, 64);
        names["lretq"] = new MnemonicEntry(Mnemonic.Retf, 64);
        names["sal"] = new MnemonicEntry(Mnemonic.Shl, 0);
        names["movabs"] = new MnemonicEntry(Mnemonic.Mov, 0);
        names["fwait"] = new MnemonicEntry(Mnemonic.Wait, 0);
        names["pushfw"] = new MnemonicEntry(Mnemonic.Pushf, 16);
        names["popfw"] = new MnemonicEntry(Mnemonic.Popf, 16);
        names.Remove("db");
        names.Remove("dw");
        names.Remove("dd");
        names.Remove("dq");
        return names;
    }
}
