using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Random 64-bit integer instructions for the differential fuzz test: every legacy form of
/// the covered mnemonics whose operands are general registers, <c>[rbp+disp]</c> in the data
/// page, CL, 1 or immediates. RSP and RBP are never chosen as operands (RBP addresses the data
/// page). Left out: forms that fault on ordinary inputs (DIV/IDIV), read addresses from
/// registers (string ops, XLAT, BT with a register offset into memory), or that Unicorn 2.0.1
/// gets wrong or lacks (32-bit CMPXCHG, MOVBE, POPCNT, the undocumented TEST /1), 16-bit SHLD/SHRD (undefined results
/// for counts above 16) and 16-bit BSWAP (undefined result).
/// </summary>
internal sealed class FuzzInstructionGenerator
{
    /// <summary>Where RBP points; memory operands stay inside this page.</summary>
    public const ulong DataBase = 0x20_0000;

    private static readonly HashSet<Mnemonic> Covered =
    [
        Mnemonic.Add, Mnemonic.Or, Mnemonic.Adc, Mnemonic.Sbb, Mnemonic.And, Mnemonic.Sub, Mnemonic.Xor, Mnemonic.Cmp, Mnemonic.Test,
        Mnemonic.Inc, Mnemonic.Dec, Mnemonic.Neg, Mnemonic.Not, Mnemonic.Mul, Mnemonic.Imul,
        Mnemonic.Shl, Mnemonic.Shr, Mnemonic.Sar, Mnemonic.Rol, Mnemonic.Ror, Mnemonic.Rcl, Mnemonic.Rcr, Mnemonic.Shld, Mnemonic.Shrd,
        Mnemonic.Bt, Mnemonic.Bts, Mnemonic.Btr, Mnemonic.Btc, Mnemonic.Bsf, Mnemonic.Bsr,
        Mnemonic.Mov, Mnemonic.Movzx, Mnemonic.Movsx, Mnemonic.Movsxd, Mnemonic.Xchg, Mnemonic.Xadd, Mnemonic.Cmpxchg, Mnemonic.Lea, Mnemonic.Bswap,
        Mnemonic.Cbw, Mnemonic.Cwde, Mnemonic.Cdqe, Mnemonic.Cwd, Mnemonic.Cdq, Mnemonic.Cqo,
        Mnemonic.Clc, Mnemonic.Stc, Mnemonic.Cmc, Mnemonic.Lahf, Mnemonic.Sahf,
    ];

    private static readonly Register[] Gpr8 =
        [Register.AL, Register.CL, Register.DL, Register.BL, Register.AH, Register.CH, Register.DH, Register.BH, Register.SIL, Register.DIL,
         Register.R8L, Register.R9L, Register.R10L, Register.R11L, Register.R12L, Register.R13L, Register.R14L, Register.R15L];

    private static readonly Register[] Gpr16 =
        [Register.AX, Register.CX, Register.DX, Register.BX, Register.SI, Register.DI, Register.R8W, Register.R9W, Register.R10W, Register.R11W,
         Register.R12W, Register.R13W, Register.R14W, Register.R15W];

    private static readonly Register[] Gpr32 =
        [Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.ESI, Register.EDI, Register.R8D, Register.R9D, Register.R10D, Register.R11D,
         Register.R12D, Register.R13D, Register.R14D, Register.R15D];

    private static readonly Register[] Gpr64 =
        [Register.RAX, Register.RCX, Register.RDX, Register.RBX, Register.RSI, Register.RDI, Register.R8, Register.R9, Register.R10, Register.R11,
         Register.R12, Register.R13, Register.R14, Register.R15];

    private readonly Random _random;

    /// <summary>Creates a generator drawing from <paramref name="random"/>.</summary>
    public FuzzInstructionGenerator(Random random) => _random = random;

    /// <summary>The forms drawn from.</summary>
    public static IReadOnlyList<Code> Forms { get; } = FindForms();

    /// <summary>One random instruction, encoded for <paramref name="ip"/>.</summary>
    public (Instruction Instruction, byte[] Bytes) Next(ulong ip)
    {
        while (true)
        {
            var code = Forms[_random.Next(Forms.Count)];
            var instruction = Build(code);
            if (instruction is null)
            {
                continue;
            }

            using var stream = new MemoryStream();
            var encoder = Encoder.Create(64, new StreamCodeWriter(stream));
            if (encoder.TryEncode(instruction.Value, ip, out _, out _))
            {
                var bytes = stream.ToArray();
                var decoder = Decoder.Create(64, bytes, ip);
                decoder.Decode(out var decoded);
                return (decoded, bytes);
            }
        }
    }

    private static List<Code> FindForms()
    {
        var forms = new List<Code>();
        foreach (var code in Enum.GetValues<Code>())
        {
            var info = code.ToOpCode();
            var mnemonic = code.Mnemonic();
            var name = mnemonic.ToString();
            var covered = Covered.Contains(mnemonic) || name.StartsWith("Cmov", StringComparison.Ordinal) || name.StartsWith("Set", StringComparison.Ordinal);
            if (!covered || info.Encoding != EncodingKind.Legacy || !info.Mode64 || info.IsInstruction is false
                || code is Code.Cmpxchg_rm32_r32 or Code.Bswap_r16 or Code.Shld_rm16_r16_CL or Code.Shld_rm16_r16_imm8 or Code.Shrd_rm16_r16_CL or Code.Shrd_rm16_r16_imm8
                || name.StartsWith("Setssbsy", StringComparison.Ordinal) || code.ToString().EndsWith("r1", StringComparison.Ordinal))
            {
                continue;
            }

            var supported = true;
            for (var n = 0; n < info.OpCount; n++)
            {
                supported &= IsSupported(info.GetOpKind(n));
            }

            if (supported && info.OpCount > 0 || code is Code.Cbw or Code.Cwde or Code.Cdqe or Code.Cwd or Code.Cdq or Code.Cqo
                    or Code.Clc or Code.Stc or Code.Cmc or Code.Lahf or Code.Sahf)
            {
                forms.Add(code);
            }
        }

        return forms;
    }

    private static bool IsSupported(OpCodeOperandKind kind) => kind switch
    {
        OpCodeOperandKind.r8_or_mem or OpCodeOperandKind.r16_or_mem or OpCodeOperandKind.r32_or_mem or OpCodeOperandKind.r64_or_mem => true,
        OpCodeOperandKind.r8_reg or OpCodeOperandKind.r16_reg or OpCodeOperandKind.r32_reg or OpCodeOperandKind.r64_reg => true,
        OpCodeOperandKind.r8_opcode or OpCodeOperandKind.r16_opcode or OpCodeOperandKind.r32_opcode or OpCodeOperandKind.r64_opcode => true,
        OpCodeOperandKind.al or OpCodeOperandKind.ax or OpCodeOperandKind.eax or OpCodeOperandKind.rax or OpCodeOperandKind.cl => true,
        OpCodeOperandKind.imm8 or OpCodeOperandKind.imm8sex16 or OpCodeOperandKind.imm8sex32 or OpCodeOperandKind.imm8sex64 => true,
        OpCodeOperandKind.imm16 or OpCodeOperandKind.imm32 or OpCodeOperandKind.imm32sex64 or OpCodeOperandKind.imm64 => true,
        OpCodeOperandKind.imm8_const_1 or OpCodeOperandKind.mem => true,
        _ => false,
    };

    private Instruction? Build(Code code)
    {
        var info = code.ToOpCode();
        var mnemonic = code.Mnemonic();
        var operands = new object[info.OpCount];
        for (var n = 0; n < info.OpCount; n++)
        {
            var kind = info.GetOpKind(n);

            // A register bit offset would address memory far outside the data page.
            var registerOnly = n == 0 && mnemonic is Mnemonic.Bt or Mnemonic.Bts or Mnemonic.Btr or Mnemonic.Btc
                && info.OpCount > 1 && info.GetOpKind(1) is OpCodeOperandKind.r16_reg or OpCodeOperandKind.r32_reg or OpCodeOperandKind.r64_reg;
            operands[n] = kind switch
            {
                OpCodeOperandKind.r8_or_mem => registerOnly || _random.Next(2) == 0 ? Pick(Gpr8) : Memory(),
                OpCodeOperandKind.r16_or_mem => registerOnly || _random.Next(2) == 0 ? Pick(Gpr16) : Memory(),
                OpCodeOperandKind.r32_or_mem => registerOnly || _random.Next(2) == 0 ? Pick(Gpr32) : Memory(),
                OpCodeOperandKind.r64_or_mem => registerOnly || _random.Next(2) == 0 ? Pick(Gpr64) : Memory(),
                OpCodeOperandKind.r8_reg or OpCodeOperandKind.r8_opcode => Pick(Gpr8),
                OpCodeOperandKind.r16_reg or OpCodeOperandKind.r16_opcode => Pick(Gpr16),
                OpCodeOperandKind.r32_reg or OpCodeOperandKind.r32_opcode => Pick(Gpr32),
                OpCodeOperandKind.r64_reg or OpCodeOperandKind.r64_opcode => Pick(Gpr64),
                OpCodeOperandKind.al => Register.AL,
                OpCodeOperandKind.ax => Register.AX,
                OpCodeOperandKind.eax => Register.EAX,
                OpCodeOperandKind.rax => Register.RAX,
                OpCodeOperandKind.cl => Register.CL,
                OpCodeOperandKind.mem => Memory(),
                OpCodeOperandKind.imm8_const_1 => 1L,
                OpCodeOperandKind.imm8 => (long)_random.Next(256),
                OpCodeOperandKind.imm8sex16 or OpCodeOperandKind.imm8sex32 or OpCodeOperandKind.imm8sex64 => (long)(sbyte)_random.Next(256),
                OpCodeOperandKind.imm16 => (long)_random.Next(0x10000),
                OpCodeOperandKind.imm32 => (long)(uint)_random.NextInt64(),
                OpCodeOperandKind.imm32sex64 => (long)(int)_random.NextInt64(),
                _ => _random.NextInt64(long.MinValue, long.MaxValue),
            };
        }

        try
        {
            return operands switch
            {
                [] => Instruction.Create(code),
                [Register a] => Instruction.Create(code, a),
                [MemoryOperand a] => Instruction.Create(code, a),
                [Register a, Register b] => Instruction.Create(code, a, b),
                [Register a, MemoryOperand b] => Instruction.Create(code, a, b),
                [MemoryOperand a, Register b] => Instruction.Create(code, a, b),
                [Register a, long b] => Instruction.Create(code, a, b),
                [MemoryOperand a, long b] => Instruction.Create(code, a, unchecked((int)b)),
                [Register a, Register b, Register c] => Instruction.Create(code, a, b, c),
                [Register a, Register b, long c] => Instruction.Create(code, a, b, unchecked((int)c)),
                [MemoryOperand a, Register b, Register c] => Instruction.Create(code, a, b, c),
                [MemoryOperand a, Register b, long c] => Instruction.Create(code, a, b, unchecked((int)c)),
                [Register a, MemoryOperand b, long c] => Instruction.Create(code, a, b, unchecked((int)c)),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private Register Pick(Register[] registers) => registers[_random.Next(registers.Length)];

    private MemoryOperand Memory() => new(Register.RBP, _random.Next(0xFF0), 4);
}
