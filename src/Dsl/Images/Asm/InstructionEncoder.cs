using Iced.Intel;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images.Asm;

/// <summary>
/// Chooses the encoding of one instruction: every candidate <see cref="Code"/> whose operand kinds
/// accept the written operands is encoded with Iced, and the shortest wins (ties go to the first in
/// Iced's order, which is the canonical form). This gives NASM's choices: sign-extended imm8 forms,
/// accumulator short forms, <c>mov r64, imm32</c> sign-extended when the value fits.
/// </summary>
internal static class InstructionEncoder
{
    private static readonly HashSet<Code> WidenedSources =
    [
        Code.Mov_Sreg_r32m16, Code.Ltr_r32m16, Code.Lldt_r32m16, Code.Verr_r32m16, Code.Verw_r32m16, Code.Lmsw_r32m16,
    ];

    private static readonly HashSet<string> StringStems = new(StringComparer.OrdinalIgnoreCase) { "movs", "stos", "lods", "scas", "cmps", "ins", "outs" };

    public static byte[]? Encode(AsmStatement statement, IReadOnlyList<ResolvedOperand> operands, int bitness, ulong address, AsmReporter reporter)
    {
        var line = statement.Line;
        var stringSegment = Register.None;
        if (operands.Count > 0 && StringStems.Contains(statement.Name))
        {
            if (!ToImplicitStringForm(ref statement, operands, reporter, out stringSegment))
            {
                return null;
            }

            operands = [];
        }

        if (!InstructionTable.TryLookup(statement.Name, bitness, out var entry))
        {
            var column = statement.Prefixes.Count > 0 ? statement.Prefixes[^1].EndColumn + 1 : statement.Column;
            var hint = Suggestions.DidYouMean(statement.Name, InstructionTable.AllNames);
            reporter.ReportWithHint(DiagnosticCatalogue.AsmUnknownMnemonic, line, column, statement.Name.Length, hint, statement.Name);
            return null;
        }

        operands = WithImplicitOperands(statement, entry.Mnemonic, operands);
        foreach (var prefix in statement.Prefixes)
        {
            // NASM's o16/o32/o64 prefixes choose the operand size, as in `o64 sysret`.
            if (prefix.Text.Length == 3 && prefix.Text[0] is 'o' or 'O')
            {
                var size = int.Parse(prefix.Text.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                entry = (entry.Mnemonic, size) switch
                {
                    (Mnemonic.Sysret, 64) => new MnemonicEntry(Mnemonic.Sysretq, 0),
                    (Mnemonic.Iret or Mnemonic.Iretd, 64) => new MnemonicEntry(Mnemonic.Iretq, 0),
                    (Mnemonic.Iretd, 16) => new MnemonicEntry(Mnemonic.Iret, 16),
                    _ => entry with { ForcedOperandSize = size },
                };
            }
        }

        var candidates = InstructionTable.Codes(entry.Mnemonic, bitness);
        var explicit16 = entry.ForcedOperandSize == 16
            || operands.Any(o => (o.Kind == AsmOperandKind.Register && o.Register.IsGPR16()) || (o.Kind != AsmOperandKind.Register && o.Syntax.Size == 2))
            || (candidates.Count > 0 && candidates.All(c => c.ToOpCode().OperandSize == 16));
        var movabs = statement.Name.Equals("movabs", StringComparison.OrdinalIgnoreCase);
        if (!movabs && entry.Mnemonic == Mnemonic.Mov && operands.Count == 2 && operands[0].Kind == AsmOperandKind.Register && operands[0].Register.IsGPR64()
            && operands[1] is { Kind: AsmOperandKind.Immediate, Unresolved: false, Value: >= 0 and <= uint.MaxValue } && operands[1].Syntax.Size == 0)
        {
            // As NASM does: `mov rax, 1` is `mov eax, 1`, which zero-extends to the same value in fewer bytes.
            operands = [operands[0] with { Register = Register.EAX + (operands[0].Register - Register.RAX) }, operands[1]];
        }


        var successes = new List<(Code Code, byte[] Bytes, int MemorySize)>();
        (int Index, int Rank, string What)? valueFailure = null;
        string? encoderError = null;
        foreach (var code in candidates)
        {
            var op = code.ToOpCode();
            if (entry.ForcedOperandSize != 0 && op.OperandSize != 0 && op.OperandSize != entry.ForcedOperandSize)
            {
                continue;
            }

            if (op.OperandSize == 16 && !explicit16)
            {
                continue;
            }

            // movabs (GNU as and objdump) is mov with a 64-bit immediate or a 64-bit absolute address.
            if (movabs && !HasKind(code, OpCodeOperandKind.imm64) && !HasKind(code, OpCodeOperandKind.mem_offs))
            {
                continue;
            }

            var instruction = new Instruction { Code = code };
            if (!Build(ref instruction, op, operands, bitness, address, entry.Mnemonic, ref valueFailure))
            {
                // xchg and test are symmetric; Iced lists `xchg r64, rax` and `test r/m, r` in one order only.
                instruction = new Instruction { Code = code };
                if (entry.Mnemonic is not (Mnemonic.Xchg or Mnemonic.Test) || operands.Count != 2
                    || !Build(ref instruction, op, [operands[1], operands[0]], bitness, address, entry.Mnemonic, ref valueFailure))
                {
                    continue;
                }
            }

            foreach (var prefix in statement.Prefixes)
            {
                switch (prefix.Text.ToLowerInvariant())
                {
                    case "lock":
                        instruction.HasLockPrefix = true;
                        break;
                    case "repne":
                    case "repnz":
                        instruction.HasRepnePrefix = true;
                        break;
                    case "o16":
                    case "o32":
                    case "o64":
                        break;
                    default:
                        instruction.HasRepePrefix = true;
                        break;
                }
            }

            if (stringSegment != Register.None)
            {
                instruction.SegmentPrefix = stringSegment;
            }

            var bytes = TryEncode(instruction, operands, bitness, address, out var error);
            if (bytes is null)
            {
                encoderError ??= error;
                continue;
            }

            var memoryOperand = operands.Any(o => o.Kind == AsmOperandKind.Memory);
            successes.Add((code, bytes, memoryOperand ? instruction.MemorySize.GetSize() : -1));
        }

        if (successes.Count == 0)
        {
            ReportFailure(statement, operands, entry, bitness, valueFailure, encoderError, reporter);
            return null;
        }

        var memory = operands.FirstOrDefault(o => o.Kind == AsmOperandKind.Memory);
        if (memory is not null && memory.Syntax.Size == 0)
        {
            var sizes = successes.Select(s => s.MemorySize).Where(s => s > 0).Distinct().ToList();
            if (sizes.Count > 1)
            {
                var preferred = PreferredSize(entry.Mnemonic, bitness, memory.Syntax.Distance);
                if (preferred is null || !sizes.Contains(preferred.Value))
                {
                    reporter.Report(DiagnosticCatalogue.AsmSizeNotSpecified, line, memory.Syntax.Column, memory.Syntax.Length, statement.Name);
                    return null;
                }

                successes.RemoveAll(s => s.MemorySize != preferred.Value);
            }
        }

        var best = successes[0];
        foreach (var success in successes)
        {
            if (success.Bytes.Length < best.Bytes.Length || (success.Bytes.Length == best.Bytes.Length && PreferredOnTie(success.Code, best.Code)))
            {
                best = success;
            }
        }

        return best.Bytes;
    }

    /// <summary>
    /// objdump writes string instructions with their implied operands, as in
    /// <c>rep stos QWORD PTR es:[rdi],rax</c>; they become the sized form (<c>rep stosq</c>).
    /// </summary>
    private static bool ToImplicitStringForm(ref AsmStatement statement, IReadOnlyList<ResolvedOperand> operands, AsmReporter reporter, out Register segment)
    {
        segment = Register.None;
        var size = 0;
        foreach (var operand in operands)
        {
            if (operand.Kind == AsmOperandKind.Memory)
            {
                var pointer = operand.Base is Register.RDI or Register.EDI or Register.RSI or Register.ESI
                    && operand.Index == Register.None && operand.Value == 0 && !operand.RipTarget && !operand.RipOffset;
                if (!pointer)
                {
                    reporter.Report(DiagnosticCatalogue.AsmBadMemoryOperand, statement.Line, operand.Syntax.Column, operand.Syntax.Length, "string instructions address only [rdi] and [rsi]");
                    return false;
                }

                if (operand.Base is Register.RSI or Register.ESI && operand.Syntax.Segment is not (Register.None or Register.DS))
                {
                    segment = operand.Syntax.Segment;
                }

                size = size == 0 ? operand.Syntax.Size : size;
            }
            else if (operand.Kind == AsmOperandKind.Register && operand.Register is Register.AL or Register.AX or Register.EAX or Register.RAX)
            {
                size = size == 0 ? operand.Register.GetSize() : size;
            }
        }

        var suffix = size switch { 1 => "b", 2 => "w", 4 => "d", 8 => "q", _ => null };
        if (suffix is null)
        {
            reporter.Report(DiagnosticCatalogue.AsmSizeNotSpecified, statement.Line, statement.OperandsColumn, statement.OperandsLength, statement.Name);
            return false;
        }

        statement = statement with { Name = statement.Name + suffix };
        return true;
    }

    /// <summary>NASM's short forms: <c>fxch</c> means <c>fxch st1</c>, <c>faddp</c> means <c>faddp st1, st0</c>, <c>aam</c> means <c>aam 10</c>.</summary>
    private static IReadOnlyList<ResolvedOperand> WithImplicitOperands(AsmStatement statement, Mnemonic mnemonic, IReadOnlyList<ResolvedOperand> operands)
    {
        ResolvedOperand Register(Register register) =>
            new(new AsmOperand(AsmOperandKind.Register, statement.OperandsColumn, 0) { Register = register }) { Register = register };

        if (operands.Count == 0)
        {
            switch (mnemonic)
            {
                case Mnemonic.Fxch or Mnemonic.Fcom or Mnemonic.Fcomp or Mnemonic.Fucom or Mnemonic.Fucomp:
                    return [Register(Iced.Intel.Register.ST0), Register(Iced.Intel.Register.ST1)];
                case Mnemonic.Faddp or Mnemonic.Fmulp or Mnemonic.Fsubp or Mnemonic.Fsubrp or Mnemonic.Fdivp or Mnemonic.Fdivrp:
                    return [Register(Iced.Intel.Register.ST1), Register(Iced.Intel.Register.ST0)];
                case Mnemonic.Aam or Mnemonic.Aad:
                    return [new ResolvedOperand(new AsmOperand(AsmOperandKind.Immediate, statement.OperandsColumn, 0)) { Value = 10 }];
            }
        }

        var x87TwoOperand = mnemonic is Mnemonic.Fxch or Mnemonic.Fcom or Mnemonic.Fcomp or Mnemonic.Fucom or Mnemonic.Fucomp
            or Mnemonic.Fadd or Mnemonic.Fmul or Mnemonic.Fsub or Mnemonic.Fsubr or Mnemonic.Fdiv or Mnemonic.Fdivr
            or Mnemonic.Fcomi or Mnemonic.Fcomip or Mnemonic.Fucomi or Mnemonic.Fucomip
            or Mnemonic.Fcmovb or Mnemonic.Fcmove or Mnemonic.Fcmovbe or Mnemonic.Fcmovu
            or Mnemonic.Fcmovnb or Mnemonic.Fcmovne or Mnemonic.Fcmovnbe or Mnemonic.Fcmovnu;
        if (operands.Count == 1 && operands[0].Kind == AsmOperandKind.Register && operands[0].Register.IsST() && x87TwoOperand)
        {
            return [Register(Iced.Intel.Register.ST0), operands[0]];
        }

        return operands;
    }

    /// <summary>
    /// NASM's choice between encodings of equal length: the sign-extended imm8 form over the
    /// accumulator form (<c>add ax, 0x7f</c>), and no REX.W over REX.W (<c>movq xmm0, [r12]</c>).
    /// </summary>
    private static bool PreferredOnTie(Code candidate, Code current)
    {
        static bool SignExtendedByte(Code code) =>
            HasKind(code, OpCodeOperandKind.imm8sex16) || HasKind(code, OpCodeOperandKind.imm8sex32) || HasKind(code, OpCodeOperandKind.imm8sex64);

        if (SignExtendedByte(candidate) != SignExtendedByte(current))
        {
            return SignExtendedByte(candidate);
        }

        return candidate.ToOpCode().OperandSize != 64 && current.ToOpCode().OperandSize == 64;
    }

    /// <summary>NASM's defaults when a memory operand's size is left out: the stack width for push/pop, near and far jumps; dword for cvtsi2sd/ss.</summary>
    private static int? PreferredSize(Mnemonic mnemonic, int bitness, AsmDistance distance)
    {
        if (distance == AsmDistance.Far && mnemonic is Mnemonic.Jmp or Mnemonic.Call)
        {
            return bitness == 64 ? 10 : 6;
        }

        return mnemonic switch
        {
            Mnemonic.Push or Mnemonic.Pop or Mnemonic.Jmp or Mnemonic.Call => bitness / 8,
            Mnemonic.Cvtsi2sd or Mnemonic.Cvtsi2ss => 4,
            _ => null,
        };
    }

    private static bool HasKind(Code code, OpCodeOperandKind kind) => Array.IndexOf(InstructionTable.Kinds(code), kind) >= 0;

    private static bool IsStringKind(OpCodeOperandKind kind) =>
        kind is OpCodeOperandKind.seg_rSI or OpCodeOperandKind.es_rDI or OpCodeOperandKind.seg_rDI or OpCodeOperandKind.seg_rBX_al;

    private static bool Build(
        ref Instruction instruction,
        OpCodeInfo op,
        IReadOnlyList<ResolvedOperand> operands,
        int bitness,
        ulong address,
        Mnemonic mnemonic,
        ref (int Index, int Rank, string What)? valueFailure)
    {
        var kinds = InstructionTable.Kinds(instruction.Code);
        if (operands.Count == 0 && kinds.Any(IsStringKind))
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                if (!SetImplicit(ref instruction, i, kinds[i], bitness))
                {
                    return false;
                }
            }

            return true;
        }

        if (kinds.Length != operands.Count)
        {
            return false;
        }

        var immediates = 0;
        for (var i = 0; i < kinds.Length; i++)
        {
            var outcome = Apply(ref instruction, i, kinds[i], operands[i], bitness, address, mnemonic, op, ref immediates, out var rank, out var what);
            if (outcome == MatchOutcome.WrongShape)
            {
                return false;
            }

            if (outcome == MatchOutcome.ValueOutOfRange)
            {
                if (valueFailure is null || valueFailure.Value.Rank < rank)
                {
                    valueFailure = (i, rank, what);
                }

                return false;
            }
        }

        return true;
    }

    private static bool SetImplicit(ref Instruction instruction, int index, OpCodeOperandKind kind, int bitness)
    {
        var wide = bitness == 64;
        OpKind opKind;
        switch (kind)
        {
            case OpCodeOperandKind.seg_rSI:
                opKind = wide ? OpKind.MemorySegRSI : OpKind.MemorySegESI;
                break;
            case OpCodeOperandKind.es_rDI:
                opKind = wide ? OpKind.MemoryESRDI : OpKind.MemoryESEDI;
                break;
            case OpCodeOperandKind.seg_rDI:
                opKind = wide ? OpKind.MemorySegRDI : OpKind.MemorySegEDI;
                break;
            case OpCodeOperandKind.seg_rBX_al:
                // xlatb addresses [rbx+al], which Iced models as an ordinary memory operand.
                instruction.SetOpKind(index, OpKind.Memory);
                instruction.MemoryBase = wide ? Register.RBX : Register.EBX;
                instruction.MemoryIndex = Register.AL;
                instruction.MemoryIndexScale = 1;
                return true;
            default:
                var fixedRegister = FixedRegister(kind);
                if (fixedRegister == Register.None)
                {
                    return false;
                }

                instruction.SetOpKind(index, OpKind.Register);
                instruction.SetOpRegister(index, fixedRegister);
                return true;
        }

        instruction.SetOpKind(index, opKind);
        return true;
    }

    private static Register FixedRegister(OpCodeOperandKind kind) => kind switch
    {
        OpCodeOperandKind.es => Register.ES,
        OpCodeOperandKind.cs => Register.CS,
        OpCodeOperandKind.ss => Register.SS,
        OpCodeOperandKind.ds => Register.DS,
        OpCodeOperandKind.fs => Register.FS,
        OpCodeOperandKind.gs => Register.GS,
        OpCodeOperandKind.al => Register.AL,
        OpCodeOperandKind.cl => Register.CL,
        OpCodeOperandKind.ax => Register.AX,
        OpCodeOperandKind.dx => Register.DX,
        OpCodeOperandKind.eax => Register.EAX,
        OpCodeOperandKind.rax => Register.RAX,
        OpCodeOperandKind.st0 => Register.ST0,
        _ => Register.None,
    };

    private static bool RegisterFits(OpCodeOperandKind kind, Register register) => kind switch
    {
        OpCodeOperandKind.r8_or_mem or OpCodeOperandKind.r8_reg or OpCodeOperandKind.r8_opcode => register.IsGPR8(),
        OpCodeOperandKind.r16_or_mem or OpCodeOperandKind.r16_reg or OpCodeOperandKind.r16_reg_mem or OpCodeOperandKind.r16_rm
            or OpCodeOperandKind.r16_opcode => register.IsGPR16(),
        OpCodeOperandKind.r32_or_mem or OpCodeOperandKind.r32_reg or OpCodeOperandKind.r32_reg_mem or OpCodeOperandKind.r32_rm
            or OpCodeOperandKind.r32_opcode or OpCodeOperandKind.r32_vvvv => register.IsGPR32(),
        OpCodeOperandKind.r64_or_mem or OpCodeOperandKind.r64_reg or OpCodeOperandKind.r64_reg_mem or OpCodeOperandKind.r64_rm
            or OpCodeOperandKind.r64_opcode or OpCodeOperandKind.r64_vvvv => register.IsGPR64(),
        OpCodeOperandKind.seg_reg => register.IsSegmentRegister(),
        OpCodeOperandKind.cr_reg => register.IsCR(),
        OpCodeOperandKind.dr_reg => register.IsDR(),
        OpCodeOperandKind.tr_reg => register.IsTR(),
        OpCodeOperandKind.mm_or_mem or OpCodeOperandKind.mm_reg or OpCodeOperandKind.mm_rm => register.IsMM(),
        OpCodeOperandKind.xmm_or_mem or OpCodeOperandKind.xmm_reg or OpCodeOperandKind.xmm_rm or OpCodeOperandKind.xmm_vvvv
            or OpCodeOperandKind.xmm_is4 => register.IsXMM(),
        OpCodeOperandKind.ymm_or_mem or OpCodeOperandKind.ymm_reg or OpCodeOperandKind.ymm_rm or OpCodeOperandKind.ymm_vvvv
            or OpCodeOperandKind.ymm_is4 => register.IsYMM(),
        OpCodeOperandKind.sti_opcode => register.IsST(),
        _ => FixedRegister(kind) == register && register != Register.None,
    };

    private static bool AcceptsMemory(OpCodeOperandKind kind) => kind is
        OpCodeOperandKind.mem or OpCodeOperandKind.r8_or_mem or OpCodeOperandKind.r16_or_mem or OpCodeOperandKind.r32_or_mem
        or OpCodeOperandKind.r64_or_mem or OpCodeOperandKind.mm_or_mem or OpCodeOperandKind.xmm_or_mem or OpCodeOperandKind.ymm_or_mem;

    private static MatchOutcome Apply(
        ref Instruction instruction,
        int index,
        OpCodeOperandKind kind,
        ResolvedOperand operand,
        int bitness,
        ulong address,
        Mnemonic mnemonic,
        OpCodeInfo op,
        ref int immediates,
        out int rank,
        out string what)
    {
        rank = 0;
        what = "";
        switch (operand.Kind)
        {
            case AsmOperandKind.Register:
                {
                    var register = operand.Register;
                    if (register.IsGPR16() && kind == OpCodeOperandKind.r32_or_mem && WidenedSources.Contains(instruction.Code))
                    {
                        // NASM and GNU as encode `mov ds, ax` and `ltr ax` without the 66 prefix: only the low 16 bits are read.
                        register = Register.EAX + (register - Register.AX);
                    }

                    if (!RegisterFits(kind, register))
                    {
                        return MatchOutcome.WrongShape;
                    }

                    instruction.SetOpKind(index, OpKind.Register);
                    instruction.SetOpRegister(index, register);
                    return MatchOutcome.Fits;
                }

            case AsmOperandKind.Memory:
                return ApplyMemory(ref instruction, index, kind, operand, bitness, address, mnemonic);

            case AsmOperandKind.FarPointer:
                if (kind != OpCodeOperandKind.farbr4_2)
                {
                    return MatchOutcome.WrongShape;
                }

                if (operand.Selector is < 0 or > 0xffff || operand.Value is < 0 or > 0xffffffff)
                {
                    (rank, what) = (1, "a far pointer (16-bit selector, 32-bit offset)");
                    return MatchOutcome.ValueOutOfRange;
                }

                instruction.SetOpKind(index, OpKind.FarBranch32);
                instruction.FarBranchSelector = (ushort)operand.Selector;
                instruction.FarBranch32 = (uint)operand.Value;
                return MatchOutcome.Fits;

            default:
                return ApplyImmediate(ref instruction, index, kind, operand, address, op, ref immediates, out rank, out what);
        }
    }

    private static MatchOutcome ApplyMemory(ref Instruction instruction, int index, OpCodeOperandKind kind, ResolvedOperand operand, int bitness, ulong address, Mnemonic mnemonic)
    {
        var offsetForm = kind == OpCodeOperandKind.mem_offs;
        if (!AcceptsMemory(kind) && !offsetForm)
        {
            return MatchOutcome.WrongShape;
        }

        if (offsetForm && (operand.Base != Register.None || operand.Index != Register.None || operand.RipTarget || operand.RipOffset))
        {
            return MatchOutcome.WrongShape;
        }

        var memorySize = InstructionTable.MemorySizeOf(instruction.Code);
        var size = memorySize.GetSize();
        var farSize = memorySize is MemorySize.SegPtr16 or MemorySize.SegPtr32 or MemorySize.SegPtr64;
        // objdump writes far jumps as `jmp FWORD PTR [rax]`, without `far`.
        var farWritten = operand.Syntax.Distance == AsmDistance.Far || operand.Syntax.Size == 6;
        if (mnemonic is Mnemonic.Jmp or Mnemonic.Call && farSize != farWritten)
        {
            return MatchOutcome.WrongShape;
        }

        if (operand.Syntax.Size != 0 && size != 0 && size != operand.Syntax.Size && !farSize)
        {
            return MatchOutcome.WrongShape;
        }

        // For far pointers NASM reads the size keyword as the offset's size: qword means m16:64.
        if (farSize && operand.Syntax.Size != 0 && memorySize != operand.Syntax.Size switch
        {
            2 => MemorySize.SegPtr16,
            4 or 6 => MemorySize.SegPtr32,
            _ => MemorySize.SegPtr64,
        })
        {
            return MatchOutcome.WrongShape;
        }

        instruction.SetOpKind(index, OpKind.Memory);
        instruction.SegmentPrefix = IsDefaultSegment(operand) ? Register.None : operand.Syntax.Segment;
        if (operand.RipTarget || operand.RipOffset)
        {
            var ip = operand.AddressBits == 32 ? Register.EIP : Register.RIP;
            instruction.MemoryBase = ip;
            instruction.MemoryIndexScale = 1;
            instruction.MemoryDisplSize = ip == Register.EIP ? 4 : 8;
            var target = operand.RipTarget && operand.Unresolved ? address : (ulong)operand.Value;
            instruction.MemoryDisplacement64 = ip == Register.EIP ? (uint)target : target;
            return MatchOutcome.Fits;
        }

        instruction.MemoryBase = operand.Base;
        instruction.MemoryIndex = operand.Index;
        instruction.MemoryIndexScale = operand.Scale;
        var addressBits = operand.AddressBits == 0 ? bitness : operand.AddressBits;
        instruction.MemoryDisplacement64 = addressBits == 32 ? (uint)operand.Value : (ulong)operand.Value;
        if (operand.Base == Register.None && operand.Index == Register.None)
        {
            instruction.MemoryDisplSize = addressBits / 8;
        }
        else if (operand.Base == Register.None)
        {
            instruction.MemoryDisplSize = addressBits / 8;
        }
        else
        {
            instruction.MemoryDisplSize = operand.Value == 0 && !operand.Unresolved ? 0 : operand.Unresolved ? addressBits / 8 : 1;
        }

        return MatchOutcome.Fits;
    }

    /// <summary>True for a written override that names the segment used anyway (objdump prints <c>ds:0x1000</c>); GNU as drops it too.</summary>
    private static bool IsDefaultSegment(ResolvedOperand operand)
    {
        var stackBase = operand.Base is Register.RBP or Register.EBP or Register.RSP or Register.ESP;
        return operand.Syntax.Segment == (stackBase ? Register.SS : Register.DS);
    }

    private static MatchOutcome ApplyImmediate(
        ref Instruction instruction,
        int index,
        OpCodeOperandKind kind,
        ResolvedOperand operand,
        ulong address,
        OpCodeInfo op,
        ref int immediates,
        out int rank,
        out string what)
    {
        rank = 0;
        what = "";
        var value = operand.Value;
        var unresolved = operand.Unresolved;
        var distance = operand.Syntax.Distance;
        switch (kind)
        {
            case OpCodeOperandKind.br32_1:
            case OpCodeOperandKind.br64_1:
            case OpCodeOperandKind.br32_4:
            case OpCodeOperandKind.br64_4:
                {
                    var isShort = kind is OpCodeOperandKind.br32_1 or OpCodeOperandKind.br64_1;
                    if ((distance == AsmDistance.Short && !isShort) || (distance == AsmDistance.Near && isShort) || distance == AsmDistance.Far)
                    {
                        return MatchOutcome.WrongShape;
                    }

                    var wide = kind is OpCodeOperandKind.br64_1 or OpCodeOperandKind.br64_4;
                    if (!wide && (ulong)value > uint.MaxValue)
                    {
                        (rank, what) = (3, "a 32-bit branch target");
                        return MatchOutcome.ValueOutOfRange;
                    }

                    // A target not known yet is assumed nearby: branches start short and grow only when a
                    // later pass shows they must, which reaches NASM's smallest layout.
                    var target = unresolved ? address : (ulong)value;
                    instruction.SetOpKind(index, wide ? OpKind.NearBranch64 : OpKind.NearBranch32);
                    if (wide)
                    {
                        instruction.NearBranch64 = target;
                    }
                    else
                    {
                        instruction.NearBranch32 = (uint)target;
                    }

                    return MatchOutcome.Fits;
                }
        }

        if (distance != AsmDistance.Unspecified)
        {
            return MatchOutcome.WrongShape;
        }

        var keyword = operand.Syntax.Size;
        var isByteKind = kind is OpCodeOperandKind.imm8 or OpCodeOperandKind.imm8sex16 or OpCodeOperandKind.imm8sex32 or OpCodeOperandKind.imm8sex64;
        if (keyword == 1 && !isByteKind)
        {
            return MatchOutcome.WrongShape;
        }

        if (keyword > 1 && op.OperandSize != 0 && op.OperandSize != keyword * 8)
        {
            return MatchOutcome.WrongShape;
        }

        OpKind opKind;
        bool fits;
        switch (kind)
        {
            case OpCodeOperandKind.imm8:
                (opKind, fits, rank, what) = (immediates > 0 ? OpKind.Immediate8_2nd : OpKind.Immediate8, value is >= -128 and <= 255, 1, "an 8-bit immediate");
                break;
            case OpCodeOperandKind.imm8_const_1:
                if (unresolved || value != 1)
                {
                    return MatchOutcome.WrongShape;
                }

                (opKind, fits) = (OpKind.Immediate8, true);
                break;
            case OpCodeOperandKind.imm8sex16:
                if (unresolved)
                {
                    return MatchOutcome.WrongShape;
                }

                (opKind, fits, rank, what) = (OpKind.Immediate8to16, value is >= -128 and <= 127 or >= 0xff80 and <= 0xffff, 1, "an 8-bit immediate");
                break;
            case OpCodeOperandKind.imm8sex32:
                if (unresolved)
                {
                    return MatchOutcome.WrongShape;
                }

                (opKind, fits, rank, what) = (OpKind.Immediate8to32, value is >= -128 and <= 127 or >= 0xffffff80 and <= 0xffffffff, 1, "an 8-bit immediate");
                break;
            case OpCodeOperandKind.imm8sex64:
                if (unresolved)
                {
                    return MatchOutcome.WrongShape;
                }

                (opKind, fits, rank, what) = (OpKind.Immediate8to64, value is >= -128 and <= 127, 1, "an 8-bit immediate");
                break;
            case OpCodeOperandKind.imm16:
                (opKind, fits, rank, what) = (OpKind.Immediate16, value is >= -32768 and <= 0xffff, 2, "a 16-bit immediate");
                break;
            case OpCodeOperandKind.imm32:
                (opKind, fits, rank, what) = (OpKind.Immediate32, value is >= int.MinValue and <= uint.MaxValue, 3, "a 32-bit immediate");
                break;
            case OpCodeOperandKind.imm32sex64:
                (opKind, fits, rank, what) = (OpKind.Immediate32to64, value is >= int.MinValue and <= int.MaxValue, 4, "a 32-bit sign-extended immediate");
                break;
            case OpCodeOperandKind.imm64:
                (opKind, fits) = (OpKind.Immediate64, true);
                break;
            default:
                return MatchOutcome.WrongShape;
        }

        if (!fits && !unresolved)
        {
            return MatchOutcome.ValueOutOfRange;
        }

        immediates++;
        instruction.SetOpKind(index, opKind);
        if (opKind == OpKind.Immediate8_2nd)
        {
            instruction.Immediate8_2nd = (byte)value;
        }
        else
        {
            instruction.SetImmediate(index, unresolved ? 0L : value);
        }

        return MatchOutcome.Fits;
    }

    private static byte[]? TryEncode(Instruction instruction, IReadOnlyList<ResolvedOperand> operands, int bitness, ulong address, out string error)
    {
        var bytes = EncodeOnce(instruction, bitness, address, out error);
        var ripOffset = operands.FirstOrDefault(o => o.RipOffset);
        if (bytes is null || ripOffset is null)
        {
            return bytes;
        }

        // objdump's [rip+disp] counts from the next instruction, whose address needs the length first.
        var target = address + (ulong)bytes.Length + (ulong)ripOffset.Value;
        instruction.MemoryDisplacement64 = instruction.MemoryBase == Register.EIP ? (uint)target : target;
        return EncodeOnce(instruction, bitness, address, out error);
    }

    private static byte[]? EncodeOnce(Instruction instruction, int bitness, ulong address, out string error)
    {
        var writer = new ByteCodeWriter();
        var encoder = Encoder.Create(bitness, writer);
        try
        {
            if (!encoder.TryEncode(instruction, address, out _, out var message))
            {
                error = message;
                return null;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            error = e.Message;
            return null;
        }

        error = "";
        return [.. writer.Bytes];
    }

    private static void ReportFailure(
        AsmStatement statement,
        IReadOnlyList<ResolvedOperand> operands,
        MnemonicEntry entry,
        int bitness,
        (int Index, int Rank, string What)? valueFailure,
        string? encoderError,
        AsmReporter reporter)
    {
        var line = statement.Line;
        if (valueFailure is { } failure)
        {
            var operand = operands[failure.Index];
            reporter.Report(DiagnosticCatalogue.AsmValueOutOfRange, line, operand.Syntax.Column, operand.Syntax.Length, AsmLexer.Format(operand.Value), failure.What);
            return;
        }

        if (encoderError is not null)
        {
            reporter.Report(DiagnosticCatalogue.AsmEncodingFailed, line, statement.Column, statement.Length, statement.Name, encoderError);
            return;
        }

        var described = string.Join(", ", operands.Select(Describe));
        reporter.ReportWithHint(
            DiagnosticCatalogue.AsmNoMatchingForm,
            line,
            statement.OperandsColumn,
            statement.OperandsLength,
            InstructionTable.Forms(entry.Mnemonic, bitness),
            statement.Name,
            described);
    }

    private static string Describe(ResolvedOperand operand)
    {
        switch (operand.Kind)
        {
            case AsmOperandKind.Register:
                var register = operand.Register;
                return register.IsGPR8() ? "r8" : register.IsGPR16() ? "r16" : register.IsGPR32() ? "r32" : register.IsGPR64() ? "r64"
                    : register.IsSegmentRegister() ? "Sreg" : register.IsCR() ? "CRn" : register.IsDR() ? "DRn" : register.IsXMM() ? "xmm"
                    : register.IsYMM() ? "ymm" : register.IsST() ? "ST(i)" : register.IsMM() ? "mm" : register.ToString().ToLowerInvariant();
            case AsmOperandKind.Memory:
                var size = operand.Syntax.Size;
                var prefix = operand.Syntax.Distance == AsmDistance.Far ? "far " : "";
                return prefix + (size == 0 ? "mem" : $"m{size * 8}");
            case AsmOperandKind.FarPointer:
                return "ptr16:32";
            default:
                return operand.Syntax.Distance == AsmDistance.Unspecified ? "imm" : operand.Syntax.Distance.ToString().ToLowerInvariant() + " label";
        }
    }
}
