using System.Globalization;
using Iced.Intel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine.Cpu;
using Decoder = Iced.Intel.Decoder;
using StringBuilder = System.Text.StringBuilder;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>
/// The observer of a traced run: captures each instruction of the window (<see cref="TraceOptions"/>) without touching
/// the guest (page tables are read, never marked), keeps the first N as lines or the last N in a ring, and names
/// addresses with <see cref="TraceSymbols"/>.
/// </summary>
internal sealed class InstructionRecorder : IInstructionObserver
{
    private const int BytesWidth = 30;
    private const int TextWidth = 34;
    private const int SymbolWidth = 34;

    private readonly TraceOptions _options;
    private readonly Action<string>? _line;
    private readonly TraceSlot[] _ring;
    private readonly ByteArrayCodeReader _reader;
    private readonly Decoder _decoder64;
    private readonly Decoder _decoder32;
    private readonly Decoder _decoder16;
    private readonly IntelFormatter _formatter;
    private readonly TargetSymbols _targets;
    private readonly byte[] _code = new byte[16];
    private long _next;
    private ulong? _fromAddress;
    private ulong? _toAddress;
    private bool _capturing;

    // Captured here and swapped into the ring when it retires or faults: a stop at a sentinel keeps the ring intact.
    private TraceSlot _pending = new();

    /// <summary>Records the window of <paramref name="options"/>, writing each kept line to <paramref name="line"/> (null: keep the ring only).</summary>
    public InstructionRecorder(TraceOptions options, Action<string>? line)
    {
        _options = options;
        _line = line;
        _ring = [.. Enumerable.Range(0, Math.Max(1, options.Last ?? 1)).Select(_ => new TraceSlot())];
        _reader = new ByteArrayCodeReader(_code);
        _decoder64 = Decoder.Create(64, _reader);
        _decoder32 = Decoder.Create(32, _reader);
        _decoder16 = Decoder.Create(16, _reader);
        _targets = new TargetSymbols(Symbols);
        _formatter = new IntelFormatter(_targets);
        _formatter.Options.HexPrefix = "0x";
        _formatter.Options.HexSuffix = null;
        _formatter.Options.UppercaseHex = false;
        _formatter.Options.BranchLeadingZeros = false;
        _formatter.Options.ShowBranchSize = false;
        Started = options.From is null;
    }

    /// <summary>The names of guest code; the runner's parts add to it as code is placed.</summary>
    public TraceSymbols Symbols { get; } = new();

    /// <summary>Instructions captured in the window.</summary>
    public long Captured { get; private set; }

    /// <summary>Lines written.</summary>
    public long Shown { get; private set; }

    /// <summary>Whether the window opened.</summary>
    public bool Started { get; private set; }

    /// <summary>Whether the <c>To</c> point closed it.</summary>
    public bool Ended { get; private set; }

    /// <summary>A machine_kexec placed its code: the points of this jump, and the routine's names.</summary>
    public void OnCodePlaced(PlacedCode code)
    {
        _fromAddress = _options.From is { } from ? code.PointAddress(from) : null;
        _toAddress = _options.To is { } to ? code.PointAddress(to) : null;
    }

    /// <inheritdoc />
    public void Before(X86Cpu cpu)
    {
        _capturing = false;
        if (Ended)
        {
            return;
        }

        var linear = cpu.CurrentLinearRip;
        if (!Started)
        {
            if (linear != _fromAddress)
            {
                return;
            }

            Started = true;
        }

        _capturing = true;
        var slot = _pending;
        slot.Linear = linear;
        slot.Bitness = cpu.CodeBitness;
        slot.Fault = null;
        slot.Physical = cpu.PeekPhysical(linear) ?? TraceSlot.NoAddress;
        slot.CodeLength = ReadCode(cpu, linear, slot.Physical, slot.Code);
        Array.Clear(_code);
        slot.Code.AsSpan(0, slot.CodeLength).CopyTo(_code);
        _reader.Position = 0;
        var decoder = slot.Bitness switch { 64 => _decoder64, 32 => _decoder32, _ => _decoder16 };
        decoder.IP = cpu.Rip;
        decoder.Decode(out slot.Instruction);
        slot.TargetPhysical = TraceSlot.NoAddress;
        if (slot.Instruction.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64)
        {
            var targetLinear = slot.Instruction.NearBranchTarget + (linear - cpu.Rip);
            slot.TargetPhysical = cpu.PeekPhysical(slot.Bitness == 64 ? targetLinear : targetLinear & 0xFFFF_FFFF) ?? TraceSlot.NoAddress;
        }

        TraceRegisters.Capture(cpu, slot.Before);
    }

    /// <inheritdoc />
    public void After(X86Cpu cpu)
    {
        if (_capturing)
        {
            TraceRegisters.Capture(cpu, _pending.After);
            Commit();
        }
    }

    /// <inheritdoc />
    public void Faulted(X86Cpu cpu, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (_capturing)
        {
            _pending.Before.CopyTo(_pending.After, 0);
            _pending.Fault = $"{fault.Name}{(fault.ErrorCode is { } e ? string.Create(CultureInfo.InvariantCulture, $"(0x{e:x})") : "")}";
            Commit();
        }
    }

    /// <summary>The ring's instructions, oldest first, as lines.</summary>
    public IReadOnlyList<string> Kept()
    {
        var count = (int)Math.Min(_next, _ring.Length);
        return [.. Enumerable.Range(0, count).Select(i => Format(_ring[(int)((_next - count + i) % _ring.Length)]))];
    }

    private void Commit()
    {
        _capturing = false;
        var index = (int)(_next % _ring.Length);
        var slot = _pending;
        _pending = _ring[index];
        _ring[index] = slot;
        Captured++;
        if (_line is not null && _options.Last is null && Shown < _options.First)
        {
            _line(Format(slot));
            Shown++;
        }

        _next++;
        if (slot.Linear == _toAddress)
        {
            Ended = true;
        }
    }

    /// <summary>Writes the ring (for <c>Last</c>) once the run is over.</summary>
    public void Flush()
    {
        if (_line is null || _options.Last is null)
        {
            return;
        }

        foreach (var line in Kept())
        {
            _line(line);
            Shown++;
        }
    }

    private static int ReadCode(X86Cpu cpu, ulong linear, ulong physical, byte[] into)
    {
        if (physical == TraceSlot.NoAddress)
        {
            return 0;
        }

        var memory = cpu.Memory;
        var n = 0;
        var pa = physical;
        for (; n < 15; n++)
        {
            if (n > 0 && ((linear + (ulong)n) & 0xFFF) == 0)
            {
                // The instruction crosses into the next linear page, which may map anywhere.
                if (cpu.PeekPhysical(linear + (ulong)n) is not { } next)
                {
                    break;
                }

                pa = next - (ulong)n;
            }

            var at = pa + (ulong)n;
            if (at >= memory.Size)
            {
                break;
            }

            into[n] = memory.ReadByte(at);
        }

        return n;
    }

    private string Format(TraceSlot slot)
    {
        var text = new StringBuilder("  ");
        text.Append(slot.Physical == TraceSlot.NoAddress ? "????????????????" : slot.Physical.ToString("x16", CultureInfo.InvariantCulture));
        text.Append(' ').Append(slot.Linear.ToString("x16", CultureInfo.InvariantCulture)).Append("  ");
        // An invalid encoding shows its first byte; a fetch cut short by an unmapped page, what could be read.
        var length = Math.Min(slot.Instruction.IsInvalid ? 1 : slot.Instruction.Length, slot.CodeLength);
        var bytes = string.Join(' ', slot.Code.Take(length).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        text.Append(Pad(slot.CodeLength == 0 ? "(not fetchable)" : bytes, BytesWidth));
        string disassembly;
        if (slot.CodeLength == 0)
        {
            disassembly = "";
        }
        else if (slot.Instruction.IsInvalid)
        {
            disassembly = "(invalid)";
        }
        else
        {
            _targets.Current = slot.TargetPhysical;
            var output = new StringOutput();
            _formatter.Format(slot.Instruction, output);
            disassembly = output.ToStringAndReset();
        }

        text.Append(Pad(disassembly, TextWidth));
        text.Append(Pad(slot.Physical == TraceSlot.NoAddress ? "" : Symbols.Name(slot.Physical) ?? "", SymbolWidth));
        text.Append(TraceRegisters.Changes(slot.Before, slot.After, slot.Bitness));
        if (slot.Fault is { } fault)
        {
            text.Append(text[^1] == ' ' ? "" : " ").Append("!! ").Append(fault);
        }

        return text.ToString().TrimEnd();
    }

    private static string Pad(string value, int width) => value.Length >= width ? value + " " : value.PadRight(width);

    /// <summary>Names a branch target by the physical address captured with it.</summary>
    private sealed class TargetSymbols(TraceSymbols symbols) : ISymbolResolver
    {
        public ulong Current { get; set; } = TraceSlot.NoAddress;

        public bool TryGetSymbol(in Instruction instruction, int operand, int instructionOperand, ulong address, int addressSize, out SymbolResult symbol)
        {
            if (Current != TraceSlot.NoAddress && instruction.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64
                && address == instruction.NearBranchTarget && symbols.Name(Current) is { } name)
            {
                symbol = new SymbolResult(address, name);
                return true;
            }

            symbol = default;
            return false;
        }
    }
}
