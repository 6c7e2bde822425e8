using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    private const int InitialDecodeCacheBits = 9;
    private const int MaxDecodeCacheBits = 15;
    private const int DecodeCacheGrowthBits = 3;

    // Starts small so short runs do not allocate and zero the full table; grows once misses show a larger working set.
    private DecodedInstruction[] _decodeCache = new DecodedInstruction[1 << InitialDecodeCacheBits];
    private Instruction[] _decodeInstructions = new Instruction[1 << InitialDecodeCacheBits];
    private int _decodeMask = (1 << InitialDecodeCacheBits) - 1;
    private int _decodeMisses;
    private readonly HashSet<ulong> _sentinels = [];
    private GuestCodeReader _reader = null!;
    private Decoder _decoder16 = null!;
    private Decoder _decoder32 = null!;
    private Decoder _decoder64 = null!;
    private uint _decodeGeneration = 1;
    private uint _modeKey;

    /// <summary>Linear addresses at which execution stops (before the instruction there runs) with <see cref="StopReason.Sentinel"/>.</summary>
    public IReadOnlyCollection<ulong> Sentinels => _sentinels;

    /// <summary>Adds a sentinel linear address.</summary>
    public void AddSentinel(ulong linear)
    {
        _sentinels.Add(linear);
        FlushDecodeCache();
    }

    /// <summary>Removes every sentinel.</summary>
    public void ClearSentinels()
    {
        _sentinels.Clear();
        FlushDecodeCache();
    }

    private void InitDecoder()
    {
        _reader = new GuestCodeReader(this);
        _decoder16 = Decoder.Create(16, _reader, 0, DecoderOptions.None);
        _decoder32 = Decoder.Create(32, _reader, 0, DecoderOptions.None);
        _decoder64 = Decoder.Create(64, _reader, 0, DecoderOptions.None);
    }

    internal void FlushDecodeCache()
    {
        if (++_decodeGeneration == 1 << 24)
        {
            // The generation lives in the key's upper 24 bits: on wrap-around, forget every slot instead.
            _decodeGeneration = 1;
            Array.Clear(_decodeCache);
        }

        _modeKey = (_modeKey & 0xFF) | (_decodeGeneration << 8);
    }

    /// <summary>The Iced instruction of a slot, for the generic semantics.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal ref Instruction InstructionOf(ref DecodedInstruction d) => ref _decodeInstructions[(int)d.Tag & _decodeMask];

    private void OnCodePageWritten(ulong pageNumber) => FlushDecodeCache();

    internal ulong CurrentLinearRip => Bitness == 64 ? RipValue : (uint)(Seg[1].Base + RipValue);

    private ref DecodedInstruction DecodeMiss(ulong linear)
    {
        if (++_decodeMisses > 2 * _decodeCache.Length && _decodeCache.Length < 1 << MaxDecodeCacheBits)
        {
            _decodeCache = new DecodedInstruction[Math.Min(_decodeCache.Length << DecodeCacheGrowthBits, 1 << MaxDecodeCacheBits)];
            _decodeInstructions = new Instruction[_decodeCache.Length];
            _decodeMask = _decodeCache.Length - 1;
            _decodeMisses = 0;
        }

        ref var slot = ref _decodeCache[(int)linear & _decodeMask];
        Decode(ref slot, ref _decodeInstructions[(int)linear & _decodeMask], linear);
        if (slot.Sentinel)
        {
            // Never a hit, so the cache-hit path needs no sentinel test.
            slot.Key = 0;
        }

        return ref slot;
    }

    private unsafe void Decode(ref DecodedInstruction slot, ref Instruction instruction, ulong linear)
    {
        var wrap = Bitness == 64 ? ulong.MaxValue : 0xFFFF_FFFFUL;
        _reader.Reset(linear, wrap);
        var decoder = Bitness switch { 64 => _decoder64, 32 => _decoder32, _ => _decoder16 };
        decoder.IP = RipValue;
        slot.Tag = ulong.MaxValue;
        decoder.Decode(out instruction);
        if (instruction.IsInvalid || decoder.LastError != DecoderError.None)
        {
            throw CpuFault.Ud($"invalid encoding {Convert.ToHexString(_reader.Bytes)}");
        }

        var addressSize = Bitness;
        var bytes = _reader.Bytes;
        for (var k = 0; k < bytes.Length; k++)
        {
            var b = bytes[k];
            if (b == 0x67)
            {
                addressSize = Bitness == 64 ? 32 : Bitness == 32 ? 16 : 32;
            }
            else if (!(b is 0x66 or 0xF0 or 0xF2 or 0xF3 or 0x2E or 0x36 or 0x3E or 0x26 or 0x64 or 0x65 || (Bitness == 64 && b is >= 0x40 and <= 0x4F)))
            {
                break;
            }
        }

        slot.AddressShift = (byte)(64 - addressSize);
        slot.Sentinel = _sentinels.Count != 0 && _sentinels.Contains(linear);
        slot.Handler = Exec.HandlerOf(instruction.Code);
        slot.Condition = (byte)instruction.ConditionCode;
        slot.NextRip = instruction.NextIP;
        PrecomputeOperands(ref slot, instruction);
        slot.Run = Forms.FastForms.Select(ref slot, instruction);
        WatchCodePage(_reader.FirstPage);
        WatchCodePage(_reader.SecondPage);
        slot.Key = _modeKey;
        slot.Tag = linear;
    }

    private static byte Classify(in Instruction i, int n)
    {
        if (n >= i.OpCount)
        {
            return OperandClass.Other;
        }

        return i.GetOpKind(n) switch
        {
            OpKind.Register => RegisterInfo[(int)i.GetOpRegister(n)] != 0 ? OperandClass.Register : OperandClass.Other,
            OpKind.Memory => OperandClass.Memory,
            OpKind.Immediate8 or OpKind.Immediate16 or OpKind.Immediate32 or OpKind.Immediate64 or OpKind.Immediate8to16
                or OpKind.Immediate8to32 or OpKind.Immediate8to64 or OpKind.Immediate32to64 => OperandClass.Immediate,
            _ => OperandClass.Other,
        };
    }

    /// <summary>The always-zero element of <see cref="GprFile"/>, standing for an absent base or index.</summary>
    internal const byte NoRegister = 16;

    private void PrecomputeOperands(ref DecodedInstruction slot, in Instruction i)
    {
        slot.Kind0 = Classify(i, 0);
        slot.Kind1 = Classify(i, 1);
        slot.Size = slot.Kind0 switch
        {
            OperandClass.Register => (byte)RegSize(i.Op0Register),
            OperandClass.Memory => (byte)Math.Min(255, i.MemorySize.GetSize()),
            _ => 0,
        };
        slot.StackDelta = (short)i.StackPointerIncrement;
        slot.Reg0 = slot.Kind0 == OperandClass.Register ? RegisterInfo[(int)i.Op0Register] : (ushort)0;
        slot.Reg1 = slot.Kind1 == OperandClass.Register ? RegisterInfo[(int)i.Op1Register] : (ushort)0;
        slot.Immediate = slot.Kind1 == OperandClass.Immediate && slot.Size is > 0 and <= 8 ? i.GetImmediate(1) & SizeMask(slot.Size) : 0;
        if (i.OpCount > 0 && i.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64)
        {
            slot.Immediate = i.NearBranchTarget;
        }
        if (slot.Kind0 == OperandClass.Memory || slot.Kind1 == OperandClass.Memory)
        {
            var b = i.MemoryBase;
            var x = i.MemoryIndex;
            slot.Displacement = i.MemoryDisplacement64;
            slot.Base = b == Register.None || b == Register.RIP || b == Register.EIP ? NoRegister : (byte)(RegisterInfo[(int)b] & 15);
            slot.Index = x == Register.None ? NoRegister : (byte)(RegisterInfo[(int)x] & 15);
            slot.ScaleShift = (byte)System.Numerics.BitOperations.Log2((uint)Math.Max(1, i.MemoryIndexScale));
            slot.Segment = (byte)(i.MemorySegment - Register.ES);

            // ES, CS, SS and DS have base 0 and no limit check in 64-bit mode.
            slot.Flat = Bitness == 64 && slot.Segment < 4;
        }
    }

    private void WatchCodePage(ulong pageNumber)
    {
        if (pageNumber == ulong.MaxValue || !Mem.IsRam(pageNumber))
        {
            return;
        }

        if (Mem.Watch(pageNumber) && Mem.PageForRead(pageNumber) is { } page)
        {
            DropWriteMappings(page);
        }
    }

    /// <summary>Describes the instruction at the current RIP (address, bytes, Intel syntax) without executing it.</summary>
    public string DescribeCurrentInstruction()
    {
        try
        {
            var linear = CurrentLinearRip;
            _reader.Reset(linear, Bitness == 64 ? ulong.MaxValue : 0xFFFF_FFFFUL);
            var decoder = Bitness switch { 64 => _decoder64, 32 => _decoder32, _ => _decoder16 };
            decoder.IP = RipValue;
            decoder.Decode(out var instruction);
            var bytes = Convert.ToHexString(_reader.Bytes[..Math.Max(1, instruction.Length)]);
            if (instruction.IsInvalid)
            {
                return $"{RipValue:x}: {bytes} (invalid)";
            }

            var output = new StringOutput();
            new IntelFormatter().Format(instruction, output);
            return $"{RipValue:x}: {bytes} {output.ToStringAndReset()}";
        }
        catch (CpuFault)
        {
            return $"{RipValue:x}: (not fetchable)";
        }
    }
}
