using System.Runtime.CompilerServices;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    private const int DecodeCacheBits = 15;
    private const int DecodeCacheMask = (1 << DecodeCacheBits) - 1;
    private readonly DecodedInstruction[] _decodeCache = new DecodedInstruction[1 << DecodeCacheBits];
    private readonly HashSet<ulong> _sentinels = [];
    private GuestCodeReader _reader = null!;
    private Decoder _decoder16 = null!;
    private Decoder _decoder32 = null!;
    private Decoder _decoder64 = null!;
    private ulong _decodeGeneration = 1;
    private ulong _modeKey;

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
        _decodeGeneration++;
        _modeKey = (_modeKey & 0xFF) | (_decodeGeneration << 8);
    }

    private void OnCodePageWritten(ulong pageNumber) => FlushDecodeCache();

    internal ulong CurrentLinearRip => Bitness == 64 ? RipValue : (uint)(Seg[1].Base + RipValue);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Decode(ref DecodedInstruction slot, ulong linear)
    {
        var wrap = Bitness == 64 ? ulong.MaxValue : 0xFFFF_FFFFUL;
        _reader.Reset(linear, wrap);
        var decoder = Bitness switch { 64 => _decoder64, 32 => _decoder32, _ => _decoder16 };
        decoder.IP = RipValue;
        slot.Tag = ulong.MaxValue;
        decoder.Decode(out slot.Instruction);
        if (slot.Instruction.IsInvalid || decoder.LastError != DecoderError.None)
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

        slot.AddressMask = addressSize switch { 64 => ulong.MaxValue, 32 => 0xFFFF_FFFF, _ => 0xFFFF };
        slot.Sentinel = _sentinels.Count != 0 && _sentinels.Contains(linear);
        slot.Handler = Exec.HandlerOf(slot.Instruction.Code);
        slot.Condition = (byte)slot.Instruction.ConditionCode;
        WatchCodePage(_reader.FirstPage);
        WatchCodePage(_reader.SecondPage);
        slot.Key = _modeKey;
        slot.Tag = linear;
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
