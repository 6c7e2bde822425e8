using System.Globalization;
using System.Text;
using Iced.Intel;
using KjTest.Runtime.Tests.Oracle;

namespace KjTest.VectorGen;

/// <summary>
/// Builds one random case of an instruction form, runs it for exactly one instruction in
/// Unicorn, and formats the vector line. A case Unicorn faults on (e.g. #DE) is dropped.
/// </summary>
internal sealed class CaseGenerator
{
    private const int MaxAttempts = 40;

    private static readonly Register[] Gpr64 =
    [
        Register.RAX, Register.RCX, Register.RDX, Register.RBX, Register.RSP, Register.RBP, Register.RSI, Register.RDI,
        Register.R8, Register.R9, Register.R10, Register.R11, Register.R12, Register.R13, Register.R14, Register.R15,
    ];

    private static readonly UnicornRegister[] Unicorn64 =
    [
        UnicornRegister.Rax, UnicornRegister.Rcx, UnicornRegister.Rdx, UnicornRegister.Rbx, UnicornRegister.Rsp, UnicornRegister.Rbp, UnicornRegister.Rsi, UnicornRegister.Rdi,
        UnicornRegister.R8, UnicornRegister.R9, UnicornRegister.R10, UnicornRegister.R11, UnicornRegister.R12, UnicornRegister.R13, UnicornRegister.R14, UnicornRegister.R15,
    ];

    private static readonly UnicornRegister[] Unicorn32 =
    [
        UnicornRegister.Eax, UnicornRegister.Ecx, UnicornRegister.Edx, UnicornRegister.Ebx, UnicornRegister.Esp, UnicornRegister.Ebp, UnicornRegister.Esi, UnicornRegister.Edi,
    ];

    private static readonly string[] Names64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    private static readonly string[] Names32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];

    private readonly IStepEngine _uc;
    private readonly IStepEngine _recorder;
    private readonly int _bits;
    private readonly int _gprCount;
    private readonly ValuePicker _pick;
    private readonly byte[] _data = new byte[Layout.DataSize];
    private readonly byte[] _stack = new byte[Layout.StackSize];
    private readonly ulong[] _regs = new ulong[16];
    private readonly HashSet<int> _pinned = [];
    private readonly HashSet<int> _explicit = [];
    private readonly byte[] _nops = Enumerable.Repeat((byte)0x90, 32).ToArray();

    /// <param name="uc">The engine whose results are recorded; it must have no memory hooks.</param>
    /// <param name="recorder">An engine with memory hooks, run on the same case only to learn which bytes are accessed.</param>
    /// <param name="bits">32 or 64.</param>
    /// <param name="random">The seeded stream.</param>
    public CaseGenerator(IStepEngine uc, IStepEngine recorder, int bits, Random random)
    {
        _uc = uc;
        _recorder = recorder;
        _bits = bits;
        _gprCount = bits == 64 ? 16 : 8;
        _pick = new ValuePicker(random);
    }

    /// <summary>Cases Unicorn refused or faulted on, which were retried with new inputs.</summary>
    public int Dropped { get; private set; }

    /// <summary>Cases where the hooked and hookless engines disagreed (the hookless result is kept).</summary>
    public int HookDisagreements { get; private set; }

    private Random Rng => _pick.Random;

    private ulong StackMask => ValuePicker.Mask(_bits);

    /// <summary>Returns a vector line for <paramref name="code"/>, or null when no valid case was found.</summary>
    public string? Generate(Code code)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var line = TryOnce(code);
            if (line is not null)
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>True when the generator knows how to build operands for every operand of <paramref name="code"/>.</summary>
    /// <param name="code">The form.</param>
    /// <param name="bits">32 or 64.</param>
    /// <param name="onHost">True for the forms only the host CPU can run (MOVBE, POPCNT), false for Unicorn's.</param>
    public static bool Supports(Code code, int bits, bool onHost = false)
    {
        var op = code.ToOpCode();
        if ((op.Mnemonic is Mnemonic.Movbe or Mnemonic.Popcnt) != onHost || (onHost && bits != 64))
        {
            return false;
        }

        if (!op.IsInstruction || op.Encoding != EncodingKind.Legacy || !op.IsAvailableInMode(bits) || Families.Of(op.Mnemonic) is null)
        {
            return false;
        }

        // 16-bit addressing and 16-bit branches (IP truncation) are outside the vectors' scope.
        if (op.AddressSize == 16 || (IsBranch(op.Mnemonic) && op.OperandSize == 16))
        {
            return false;
        }

        // BSWAP of a 16-bit register is undefined; far and segment forms need descriptor state;
        // the undocumented TEST /1 and the 486-only CMPXCHG encodings are #UD in Unicorn.
        // (Unicorn 2.0.1 does not implement MOVBE or POPCNT whatever CPU model is chosen,
        // which is why those come from the host CPU.)
        if (code == Code.Bswap_r16 || code.ToString().Contains("_F7r1", StringComparison.Ordinal) || code.ToString().Contains("_F6r1", StringComparison.Ordinal)
            || code.ToString().StartsWith("Cmpxchg486", StringComparison.Ordinal) || op.MemorySize is MemorySize.SegPtr16 or MemorySize.SegPtr32 or MemorySize.SegPtr64)
        {
            return false;
        }

        for (var i = 0; i < op.OpCount; i++)
        {
            if (!KnownKind(op.GetOpKind(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBranch(Mnemonic m) => Families.Of(m) == "branch";

    private static bool KnownKind(OpCodeOperandKind kind) => kind switch
    {
        OpCodeOperandKind.r8_or_mem or OpCodeOperandKind.r16_or_mem or OpCodeOperandKind.r32_or_mem or OpCodeOperandKind.r64_or_mem => true,
        OpCodeOperandKind.r8_reg or OpCodeOperandKind.r8_opcode or OpCodeOperandKind.r16_reg or OpCodeOperandKind.r16_opcode or OpCodeOperandKind.r16_rm => true,
        OpCodeOperandKind.r32_reg or OpCodeOperandKind.r32_opcode or OpCodeOperandKind.r32_rm => true,
        OpCodeOperandKind.r64_reg or OpCodeOperandKind.r64_opcode or OpCodeOperandKind.r64_rm => true,
        OpCodeOperandKind.mem or OpCodeOperandKind.mem_offs => true,
        OpCodeOperandKind.al or OpCodeOperandKind.cl or OpCodeOperandKind.ax or OpCodeOperandKind.eax or OpCodeOperandKind.rax => true,
        OpCodeOperandKind.imm8 or OpCodeOperandKind.imm8_const_1 or OpCodeOperandKind.imm8sex16 or OpCodeOperandKind.imm8sex32 or OpCodeOperandKind.imm8sex64 => true,
        OpCodeOperandKind.imm16 or OpCodeOperandKind.imm32 or OpCodeOperandKind.imm32sex64 or OpCodeOperandKind.imm64 => true,
        OpCodeOperandKind.br32_1 or OpCodeOperandKind.br64_1 or OpCodeOperandKind.br32_4 or OpCodeOperandKind.br64_4 => true,
        OpCodeOperandKind.seg_rSI or OpCodeOperandKind.es_rDI or OpCodeOperandKind.seg_rBX_al => true,
        _ => false,
    };

    private string? TryOnce(Code code)
    {
        var op = code.ToOpCode();
        Array.Clear(_regs);
        _pinned.Clear();
        _explicit.Clear();
        Rng.NextBytes(_data);
        Rng.NextBytes(_stack);
        var rsp = (Layout.StackBase + 0x1000 + (ulong)(Rng.Next(-16, 16) * (_bits / 8))) & StackMask;

        var operands = new List<Operand>();
        var needsMemory = new List<int>();
        for (var i = 0; i < op.OpCount; i++)
        {
            var kind = op.GetOpKind(i);
            var chosen = ChooseNonMemory(op, kind);
            if (chosen is null)
            {
                if (kind is OpCodeOperandKind.seg_rSI or OpCodeOperandKind.es_rDI or OpCodeOperandKind.seg_rBX_al)
                {
                    continue;
                }

                needsMemory.Add(operands.Count);
                operands.Add(new ImmediateOperand(0, false, false));
            }
            else
            {
                operands.Add(chosen);
            }
        }

        _pinned.Add(4);
        foreach (var index in needsMemory)
        {
            var memory = ChooseMemory(op, op.GetOpKind(OperandKindIndex(op, index)));
            if (memory is null)
            {
                return null;
            }

            operands[index] = memory;
        }

        Instruction instruction;
        try
        {
            instruction = Build(code, op, operands, _bits);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var writer = new ByteWriter();
        var encoder = Iced.Intel.Encoder.Create(_bits, writer);
        if (!encoder.TryEncode(instruction, Layout.InstructionAddress, out var length, out _))
        {
            return null;
        }

        var bytes = writer.ToArray();

        // Some register choices re-encode as another instruction (XCHG EAX,EAX is NOP).
        Iced.Intel.Decoder.Create(_bits, bytes).Decode(out var decoded);
        if (decoded.Code != code)
        {
            return null;
        }

        _regs[4] = rsp;
        AssignRegisterValues(instruction, operands);
        if (!ApplyFixups(op, instruction, operands, length))
        {
            return null;
        }

        var flags = ((uint)Rng.Next(0x1000) & 0x8D5u) | (Rng.Next(4) == 0 ? 0x400u : 0u) | 0x2u;
        return Run(code, bytes, flags);
    }

    private static int OperandKindIndex(OpCodeInfo op, int operandIndex)
    {
        // Implicit string operands are not materialised, so operand indexes can lag behind kinds.
        var seen = -1;
        for (var i = 0; i < op.OpCount; i++)
        {
            if (op.GetOpKind(i) is OpCodeOperandKind.seg_rSI or OpCodeOperandKind.es_rDI or OpCodeOperandKind.seg_rBX_al)
            {
                continue;
            }

            if (++seen == operandIndex)
            {
                return i;
            }
        }

        return operandIndex;
    }

    private Operand? ChooseNonMemory(OpCodeInfo op, OpCodeOperandKind kind)
    {
        var wantMemory = Rng.Next(2) == 0;
        switch (kind)
        {
            case OpCodeOperandKind.r8_or_mem when !wantMemory:
            case OpCodeOperandKind.r8_reg:
            case OpCodeOperandKind.r8_opcode:
                return new RegisterOperand(PickRegister(8));
            case OpCodeOperandKind.r16_or_mem when !wantMemory:
            case OpCodeOperandKind.r16_reg:
            case OpCodeOperandKind.r16_opcode:
            case OpCodeOperandKind.r16_rm:
                return new RegisterOperand(PickRegister(16));
            case OpCodeOperandKind.r32_or_mem when !wantMemory:
            case OpCodeOperandKind.r32_reg:
            case OpCodeOperandKind.r32_opcode:
            case OpCodeOperandKind.r32_rm:
                return new RegisterOperand(PickRegister(32));
            case OpCodeOperandKind.r64_or_mem when !wantMemory:
            case OpCodeOperandKind.r64_reg:
            case OpCodeOperandKind.r64_opcode:
            case OpCodeOperandKind.r64_rm:
                return new RegisterOperand(PickRegister(64));
            case OpCodeOperandKind.al:
                return new RegisterOperand(Register.AL);
            case OpCodeOperandKind.cl:
                return new RegisterOperand(Register.CL);
            case OpCodeOperandKind.ax:
                return new RegisterOperand(Register.AX);
            case OpCodeOperandKind.eax:
                return new RegisterOperand(Register.EAX);
            case OpCodeOperandKind.rax:
                return new RegisterOperand(Register.RAX);
            case OpCodeOperandKind.imm8_const_1:
                return new ImmediateOperand(1, false, false);
            case OpCodeOperandKind.imm8:
                return new ImmediateOperand(IsShiftLike(op.Mnemonic) ? _pick.ShiftCount(OperandBits(op, _bits)) : _pick.Edge(8), false, false);
            case OpCodeOperandKind.imm8sex16:
            case OpCodeOperandKind.imm8sex32:
            case OpCodeOperandKind.imm8sex64:
                return new ImmediateOperand((ulong)(long)(sbyte)_pick.Edge(8), true, false);
            case OpCodeOperandKind.imm16:
                return new ImmediateOperand(_pick.Edge(16), false, false);
            case OpCodeOperandKind.imm32:
                return new ImmediateOperand(_pick.Edge(32), false, false);
            case OpCodeOperandKind.imm32sex64:
                return new ImmediateOperand((ulong)(long)(int)_pick.Edge(32), true, false);
            case OpCodeOperandKind.imm64:
                return new ImmediateOperand(_pick.Edge(64), false, true);
            case OpCodeOperandKind.br32_1:
            case OpCodeOperandKind.br64_1:
                return new BranchOperand((ulong)((long)Layout.InstructionAddress + Rng.Next(-100, 100)));
            case OpCodeOperandKind.br32_4:
            case OpCodeOperandKind.br64_4:
                return new BranchOperand(Layout.CodeBase + (ulong)Rng.Next((int)Layout.CodeSize - 16));
            default:
                return null;
        }
    }

    /// <summary>The operation width of a form: its operand size, else its memory operand size, else 8 for byte forms.</summary>
    private static int OperandBits(OpCodeInfo op, int modeBits)
    {
        if (op.OperandSize != 0)
        {
            return op.OperandSize;
        }

        if (op.MemorySize != MemorySize.Unknown)
        {
            return Math.Min(64, op.MemorySize.GetSize() * 8);
        }

        return op.OpCount > 0 && op.GetOpKind(0) is OpCodeOperandKind.r8_or_mem or OpCodeOperandKind.r8_reg or OpCodeOperandKind.r8_opcode or OpCodeOperandKind.al ? 8 : modeBits;
    }

    private static bool IsShiftLike(Mnemonic m) => Families.Of(m) is "shift" or "rotate" or "shiftd";

    private Register PickRegister(int size)
    {
        while (true)
        {
            var index = Rng.Next(_gprCount);
            if (index == 4)
            {
                continue;
            }

            var full = Gpr64[index];
            var register = size switch
            {
                64 => full,
                32 => Register.EAX + index,
                16 => Register.AX + index,
                _ => Rng.Next(5) == 0 && index < 4 ? Register.AH + index : (index < 4 ? Register.AL + index : (_bits == 64 ? Register.SPL + (index - 4) : Register.None)),
            };
            if (register == Register.None)
            {
                continue;
            }

            _explicit.Add(index);
            return register;
        }
    }

    private MemoryOperandChoice? ChooseMemory(OpCodeInfo op, OpCodeOperandKind kind)
    {
        var align = op.Mnemonic == Mnemonic.Cmpxchg16b ? 16 : 1;
        var address = Layout.DataBase + 0x800 + (ulong)Rng.Next(0x800);
        address &= ~(ulong)(align - 1);
        if (kind == OpCodeOperandKind.mem_offs)
        {
            return new MemoryOperandChoice(new MemoryOperand(Register.None, (long)address, _bits / 8), address);
        }

        var pool = new List<int>();
        for (var i = 0; i < _gprCount; i++)
        {
            // RAX, RCX, RDX and RSP carry implicit operands of too many instructions to serve as address registers.
            if (i is 0 or 1 or 2 or 4 || _pinned.Contains(i) || _explicit.Contains(i))
            {
                continue;
            }

            pool.Add(i);
        }

        if (pool.Count == 0)
        {
            return null;
        }

        var baseIndex = pool[Rng.Next(pool.Count)];
        pool.Remove(baseIndex);
        var displacement = Rng.Next(3) switch
        {
            0 => 0L,
            1 => Rng.Next(-128, 128),
            _ => Rng.Next(int.MinValue, int.MaxValue),
        };
        var index = Register.None;
        var scale = 1;
        ulong indexValue = 0;
        if (pool.Count > 0 && Rng.Next(3) == 0)
        {
            var indexNumber = pool[Rng.Next(pool.Count)];
            scale = 1 << Rng.Next(4);
            indexValue = (ulong)Rng.Next(64);
            index = _bits == 64 ? Gpr64[indexNumber] : Register.EAX + indexNumber;
            _regs[indexNumber] = indexValue;
            _pinned.Add(indexNumber);
        }

        var baseValue = (address - (ulong)displacement - (indexValue * (ulong)scale)) & ValuePicker.Mask(_bits);
        _regs[baseIndex] = baseValue;
        _pinned.Add(baseIndex);
        var displSize = displacement == 0 ? 0 : displacement is >= -128 and < 128 ? 1 : _bits / 8;
        var baseRegister = _bits == 64 ? Gpr64[baseIndex] : Register.EAX + baseIndex;
        return new MemoryOperandChoice(new MemoryOperand(baseRegister, index, scale, displacement, displSize), address);
    }

    private static Instruction Build(Code code, OpCodeInfo op, List<Operand> ops, int bits)
    {
        var addressSize = op.AddressSize != 0 ? op.AddressSize : bits;
        switch (op.Mnemonic)
        {
            case Mnemonic.Movsb: return Instruction.CreateMovsb(addressSize);
            case Mnemonic.Movsw: return Instruction.CreateMovsw(addressSize);
            case Mnemonic.Movsd: return Instruction.CreateMovsd(addressSize);
            case Mnemonic.Movsq: return Instruction.CreateMovsq(addressSize);
            case Mnemonic.Stosb: return Instruction.CreateStosb(addressSize);
            case Mnemonic.Stosw: return Instruction.CreateStosw(addressSize);
            case Mnemonic.Stosd: return Instruction.CreateStosd(addressSize);
            case Mnemonic.Stosq: return Instruction.CreateStosq(addressSize);
            case Mnemonic.Lodsb: return Instruction.CreateLodsb(addressSize);
            case Mnemonic.Lodsw: return Instruction.CreateLodsw(addressSize);
            case Mnemonic.Lodsd: return Instruction.CreateLodsd(addressSize);
            case Mnemonic.Lodsq: return Instruction.CreateLodsq(addressSize);
            case Mnemonic.Cmpsb: return Instruction.CreateCmpsb(addressSize);
            case Mnemonic.Cmpsw: return Instruction.CreateCmpsw(addressSize);
            case Mnemonic.Cmpsd: return Instruction.CreateCmpsd(addressSize);
            case Mnemonic.Cmpsq: return Instruction.CreateCmpsq(addressSize);
            case Mnemonic.Scasb: return Instruction.CreateScasb(addressSize);
            case Mnemonic.Scasw: return Instruction.CreateScasw(addressSize);
            case Mnemonic.Scasd: return Instruction.CreateScasd(addressSize);
            case Mnemonic.Scasq: return Instruction.CreateScasq(addressSize);
            case Mnemonic.Xlatb: return Instruction.Create(code, new MemoryOperand(addressSize == 64 ? Register.RBX : Register.EBX, Register.AL));
            default: break;
        }

        return ops switch
        {
            [] => Instruction.Create(code),
            [RegisterOperand a] => Instruction.Create(code, a.Register),
            [MemoryOperandChoice m] => Instruction.Create(code, m.Memory),
            [ImmediateOperand i] => i.Signed ? Instruction.Create(code, (int)i.Value) : Instruction.Create(code, (uint)i.Value),
            [BranchOperand b] => Instruction.CreateBranch(code, b.Target),
            [RegisterOperand a, RegisterOperand b] => Instruction.Create(code, a.Register, b.Register),
            [RegisterOperand a, MemoryOperandChoice m] => Instruction.Create(code, a.Register, m.Memory),
            [MemoryOperandChoice m, RegisterOperand b] => Instruction.Create(code, m.Memory, b.Register),
            [RegisterOperand a, ImmediateOperand i] => i.Wide ? Instruction.Create(code, a.Register, i.Value)
                : i.Signed ? Instruction.Create(code, a.Register, (int)i.Value) : Instruction.Create(code, a.Register, (uint)i.Value),
            [MemoryOperandChoice m, ImmediateOperand i] => i.Signed ? Instruction.Create(code, m.Memory, (int)i.Value) : Instruction.Create(code, m.Memory, (uint)i.Value),
            [ImmediateOperand a, ImmediateOperand b] => Instruction.Create(code, (uint)a.Value, (uint)b.Value),
            [RegisterOperand a, RegisterOperand b, RegisterOperand c] => Instruction.Create(code, a.Register, b.Register, c.Register),
            [RegisterOperand a, RegisterOperand b, ImmediateOperand i] => i.Signed ? Instruction.Create(code, a.Register, b.Register, (int)i.Value) : Instruction.Create(code, a.Register, b.Register, (uint)i.Value),
            [RegisterOperand a, MemoryOperandChoice m, ImmediateOperand i] => i.Signed ? Instruction.Create(code, a.Register, m.Memory, (int)i.Value) : Instruction.Create(code, a.Register, m.Memory, (uint)i.Value),
            [MemoryOperandChoice m, RegisterOperand b, RegisterOperand c] => Instruction.Create(code, m.Memory, b.Register, c.Register),
            [MemoryOperandChoice m, RegisterOperand b, ImmediateOperand i] => i.Signed ? Instruction.Create(code, m.Memory, b.Register, (int)i.Value) : Instruction.Create(code, m.Memory, b.Register, (uint)i.Value),
            _ => throw new ArgumentException($"no operand shape for {code}"),
        };
    }

    private void AssignRegisterValues(Instruction instruction, List<Operand> operands)
    {
        var info = new InstructionInfoFactory().GetInfo(instruction);
        foreach (var used in info.GetUsedRegisters())
        {
            var full = used.Register.GetFullRegister();
            var index = full - Register.RAX;
            if (full.IsGPR64() && index < _gprCount && !_pinned.Contains(index) && index != 4)
            {
                _regs[index] = _bits == 64 ? _pick.Edge(64) : _pick.Edge(32);
            }
        }

        foreach (var operand in operands)
        {
            if (operand is RegisterOperand { Register: var r })
            {
                var index = r.GetFullRegister() - Register.RAX;
                if (_pinned.Contains(index) || index == 4)
                {
                    continue;
                }

                var size = r.GetSize() * 8;
                if (r is >= Register.AH and <= Register.BH)
                {
                    _regs[index] = (_regs[index] & ~0xFF00ul) | (_pick.Edge(8) << 8);
                }
                else
                {
                    _regs[index] = _pick.Register(size) & ValuePicker.Mask(_bits);
                }
            }
        }
    }

    private bool ApplyFixups(OpCodeInfo op, Instruction instruction, List<Operand> operands, uint length)
    {
        var opBits = OperandBits(op, _bits);
        var family = Families.Of(op.Mnemonic);
        var memory = operands.OfType<MemoryOperandChoice>().FirstOrDefault();
        if (family is "shift" or "rotate" or "shiftd" && operands.Any(o => o is RegisterOperand { Register: Register.CL }))
        {
            _regs[1] = (_regs[1] & ~0xFFul) | _pick.ShiftCount(opBits);
        }

        if (family == "shiftd" && opBits == 16)
        {
            // A 16-bit SHLD/SHRD by more than 16 leaves the destination undefined.
            var count = operands.Any(o => o is RegisterOperand { Register: Register.CL }) ? (int)(_regs[1] & 0x1F) : (int)(instruction.Immediate8 & 0x1F);
            if (count > 16)
            {
                return false;
            }
        }

        switch (op.Mnemonic)
        {
            case Mnemonic.Div:
            case Mnemonic.Idiv:
                BiasDividend(opBits);
                break;
            case Mnemonic.Cmpxchg when Rng.Next(2) == 0:
                _regs[0] = (_regs[0] & ~ValuePicker.Mask(opBits)) | (OperandValue(operands[0], opBits) & ValuePicker.Mask(opBits));
                break;
            case Mnemonic.Cmpxchg8b when Rng.Next(2) == 0 && memory is not null:
                _regs[0] = ReadData(memory.Address, 4);
                _regs[2] = ReadData(memory.Address + 4, 4);
                break;
            case Mnemonic.Cmpxchg16b when Rng.Next(2) == 0 && memory is not null:
                _regs[0] = ReadData(memory.Address, 8);
                _regs[2] = ReadData(memory.Address + 8, 8);
                break;
            case Mnemonic.Popf or Mnemonic.Popfd or Mnemonic.Popfq:
                WriteStack(_regs[4], (ulong)(Rng.Next(0x1000) & 0xCD5) | 0x2, opBits / 8);
                break;
            case Mnemonic.Ret:
                WriteStack(_regs[4], Layout.CodeBase + (ulong)Rng.Next((int)Layout.CodeSize - 16), opBits / 8);
                break;
            case Mnemonic.Jmp or Mnemonic.Call when operands is [RegisterOperand r]:
                _regs[r.Register.GetFullRegister() - Register.RAX] = Layout.CodeBase + (ulong)Rng.Next((int)Layout.CodeSize - 16);
                break;
            case Mnemonic.Jmp or Mnemonic.Call when memory is not null:
                WriteData(memory.Address, Layout.CodeBase + (ulong)Rng.Next((int)Layout.CodeSize - 16), opBits / 8);
                break;
            case Mnemonic.Leave:
                _regs[5] = _regs[4] + (ulong)(8 * Rng.Next(1, 32));
                break;
            case Mnemonic.Enter:
                _regs[5] = _regs[4] + (ulong)(8 * Rng.Next(4, 32));
                break;
            case Mnemonic.Xlatb:
                _regs[3] = Layout.DataBase + 0x800 + (ulong)Rng.Next(0x700);
                break;
            case Mnemonic.Bt or Mnemonic.Bts or Mnemonic.Btr or Mnemonic.Btc when memory is not null && operands.Count > 1 && operands[1] is RegisterOperand bitOffset:
                // A register bit offset reaches memory far from the operand; keep it within the data page.
                var idx = bitOffset.Register.GetFullRegister() - Register.RAX;
                _regs[idx] = (_regs[idx] & ~ValuePicker.Mask(opBits)) | ((ulong)(long)Rng.Next(-2048, 2048) & ValuePicker.Mask(opBits));
                break;
            default:
                break;
        }

        if (_bits == 64 && op.Code == Code.Cmpxchg_rm32_r32)
        {
            // Unicorn 2.0.1 (QEMU 5) zero-extends RAX when a 32-bit CMPXCHG succeeds and the
            // register destination when it fails; silicon writes neither. Zero upper halves
            // keep those cases out of the vectors, where both behaviours agree.
            _regs[0] &= 0xFFFF_FFFF;
            if (operands[0] is RegisterOperand destination)
            {
                _regs[destination.Register.GetFullRegister() - Register.RAX] &= 0xFFFF_FFFF;
            }
        }

        if (family == "string")
        {
            _regs[6] = Layout.DataBase + 0x100 + (ulong)Rng.Next(0x1C00);
            _regs[7] = Layout.DataBase + 0x100 + (ulong)Rng.Next(0x1C00);
        }

        return length > 0;
    }

    private ulong OperandValue(Operand operand, int bits) => operand switch
    {
        RegisterOperand { Register: var r } when r is >= Register.AH and <= Register.BH => (_regs[r - Register.AH] >> 8) & 0xFF,
        RegisterOperand { Register: var r } => _regs[r.GetFullRegister() - Register.RAX] & ValuePicker.Mask(bits),
        MemoryOperandChoice m => ReadData(m.Address, bits / 8),
        _ => 0,
    };

    private void BiasDividend(int opBits)
    {
        // Mostly keep the high half of the dividend small or a sign extension so most cases do not #DE.
        var choice = Rng.Next(4);
        if (opBits == 8)
        {
            var ah = choice switch { 0 => 0ul, 1 => 0xFFul, 2 => (ulong)Rng.Next(4), _ => (ulong)Rng.Next(256) };
            _regs[0] = (_regs[0] & ~0xFF00ul) | (ah << 8);
            return;
        }

        var mask = ValuePicker.Mask(opBits);
        var high = choice switch { 0 => 0ul, 1 => mask, 2 => (ulong)Rng.Next(4), _ => _pick.Edge(opBits) };
        _regs[2] = (_regs[2] & ~mask) | high;
    }

    private ulong ReadData(ulong address, int size)
    {
        ulong value = 0;
        for (var i = 0; i < size; i++)
        {
            value |= (ulong)_data[(int)(address - Layout.DataBase) + i] << (8 * i);
        }

        return value;
    }

    private void WriteData(ulong address, ulong value, int size)
    {
        for (var i = 0; i < size; i++)
        {
            _data[(int)(address - Layout.DataBase) + i] = (byte)(value >> (8 * i));
        }
    }

    private void WriteStack(ulong address, ulong value, int size)
    {
        for (var i = 0; i < size; i++)
        {
            _stack[(int)(address - Layout.StackBase) + i] = (byte)(value >> (8 * i));
        }
    }

    private string? Run(Code code, byte[] bytes, ulong flags)
    {
        var names = _bits == 64 ? Names64 : Names32;
        var ids = _bits == 64 ? Unicorn64 : Unicorn32;
        foreach (var engine in new[] { _uc, _recorder })
        {
            engine.Write(Layout.InstructionAddress, _nops);
            engine.Write(Layout.InstructionAddress, bytes);
            engine.FlushCode(Layout.InstructionAddress, Layout.InstructionAddress + (ulong)_nops.Length);
            engine.Write(Layout.DataBase, _data);
            engine.Write(Layout.StackBase, _stack);
            for (var i = 0; i < _gprCount; i++)
            {
                engine.Set(ids[i], _regs[i]);
            }

            engine.Set(_bits == 64 ? UnicornRegister.Rip : UnicornRegister.Eip, Layout.InstructionAddress);
            engine.Set(UnicornRegister.Eflags, flags);
            var error = engine.Step(Layout.InstructionAddress);
            if (error != 0 || engine.Interrupt is not null)
            {
                if (Environment.GetEnvironmentVariable("VECGEN_DEBUG") is not null)
                {
                    Console.Error.WriteLine($"drop {code} {Convert.ToHexStringLower(bytes)} err={error} int={engine.Interrupt}");
                }

                Dropped++;
                return null;
            }
        }

        if (_uc.Get(UnicornRegister.Eflags) != _recorder.Get(UnicornRegister.Eflags) || ids.Take(_gprCount).Any(r => _uc.Get(r) != _recorder.Get(r)))
        {
            HookDisagreements++;
        }

        // An exception Unicorn swallowed shows as an instruction pointer that did not move.
        var ipAfter = _uc.Get(_bits == 64 ? UnicornRegister.Rip : UnicornRegister.Eip);
        if (Families.Of(code.ToOpCode().Mnemonic) != "branch" && ipAfter != Layout.InstructionAddress + (ulong)bytes.Length)
        {
            Dropped++;
            return null;
        }

        var touched = new SortedSet<ulong>();
        var written = new SortedSet<ulong>();
        foreach (var (address, size, isWrite) in _recorder.Accesses)
        {
            for (var i = 0; i < size; i++)
            {
                var a = address + (ulong)i;
                if (InitialByte(a) is null)
                {
                    if (Environment.GetEnvironmentVariable("VECGEN_DEBUG") is not null)
                    {
                        Console.Error.WriteLine($"drop {code} {Convert.ToHexStringLower(bytes)} outside access 0x{a:x}");
                    }

                    Dropped++;
                    return null;
                }

                touched.Add(a);
                if (isWrite)
                {
                    written.Add(a);
                }
            }
        }

        var line = new StringBuilder(256);
        line.Append(code).Append(' ').Append(Convert.ToHexStringLower(bytes));
        for (var i = 0; i < _gprCount; i++)
        {
            if (_regs[i] != 0)
            {
                Hex(line, names[i], _regs[i]);
            }
        }

        var ipName = _bits == 64 ? "rip" : "eip";
        Hex(line, ipName, Layout.InstructionAddress);
        Hex(line, "fl", flags);
        AppendRuns(line, touched, a => InitialByte(a)!.Value);
        line.Append(" >");
        for (var i = 0; i < _gprCount; i++)
        {
            var after = _uc.Get(ids[i]);
            if (after != _regs[i])
            {
                Hex(line, names[i], after);
            }
        }

        Hex(line, ipName, _uc.Get(_bits == 64 ? UnicornRegister.Rip : UnicornRegister.Eip));
        Hex(line, "fl", _uc.Get(UnicornRegister.Eflags));
        var one = new byte[1];
        AppendRuns(line, written, a =>
        {
            _uc.Read(a, one);
            return one[0];
        });
        return line.ToString();
    }

    private byte? InitialByte(ulong address)
    {
        if (address >= Layout.DataBase && address < Layout.DataBase + Layout.DataSize)
        {
            return _data[address - Layout.DataBase];
        }

        if (address >= Layout.StackBase && address < Layout.StackBase + Layout.StackSize)
        {
            return _stack[address - Layout.StackBase];
        }

        return null;
    }

    private static void Hex(StringBuilder line, string name, ulong value) =>
        line.Append(' ').Append(name).Append('=').Append(value.ToString("x", CultureInfo.InvariantCulture));

    private static void AppendRuns(StringBuilder line, SortedSet<ulong> addresses, Func<ulong, byte> byteAt)
    {
        ulong? runStart = null;
        ulong previous = 0;
        foreach (var a in addresses)
        {
            if (runStart is null || a != previous + 1)
            {
                line.Append(" m=").Append(a.ToString("x", CultureInfo.InvariantCulture)).Append(':');
                runStart = a;
            }

            line.Append(byteAt(a).ToString("x2", CultureInfo.InvariantCulture));
            previous = a;
        }
    }
}
