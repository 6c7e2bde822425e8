namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// One 8259A programmable interrupt controller, as cascaded in <see cref="Pic8259Pair"/>.
/// Edge-triggered inputs latch a request on a rising edge and lose it when the line falls
/// before acknowledgement (which is what makes a vanished request spurious); level-triggered
/// inputs request for as long as the line is high.
/// </summary>
public sealed class Pic8259
{
    private byte _lines;
    private byte _edgeArmed;
    private int _initStep;
    private bool _needIcw4;
    private bool _singleMode;
    private bool _levelTriggeredAll;
    private bool _readIsr;
    private bool _poll;
    private bool _rotateOnAutoEoi;

    internal Pic8259(bool isMaster, byte elcrMask)
    {
        IsMaster = isMaster;
        ElcrMask = elcrMask;
        Reset();
    }

    /// <summary>True for the master at 0x20; the slave sits on the master's IR2.</summary>
    public bool IsMaster { get; }

    /// <summary>Interrupt request register.</summary>
    public byte Irr { get; private set; }

    /// <summary>In-service register.</summary>
    public byte Isr { get; private set; }

    /// <summary>Interrupt mask register (OCW1).</summary>
    public byte Imr { get; private set; }

    /// <summary>Vector base from ICW2 (low three bits clear).</summary>
    public byte VectorBase { get; private set; }

    /// <summary>ICW3 as written: slave-present bits on a master, the cascade identity on a slave.</summary>
    public byte Icw3 { get; private set; }

    /// <summary>ICW4 as written (0 when ICW1 said none follows).</summary>
    public byte Icw4 { get; private set; }

    /// <summary>Edge/level control register (ELCR, ports 0x4D0/0x4D1): a set bit makes that input level-triggered.</summary>
    public byte Elcr { get; private set; }

    /// <summary>Which ELCR bits are writable (IRQ 0, 1, 2, 8 and 13 are always edge on a PC).</summary>
    public byte ElcrMask { get; }

    /// <summary>IR number holding the lowest priority; the highest is the one after it.</summary>
    public int LowestPriority { get; private set; }

    /// <summary>True once the ICW sequence has completed.</summary>
    public bool Initialized => _initStep == 0;

    /// <summary>Automatic EOI mode (ICW4 bit 1).</summary>
    public bool AutoEoi { get; private set; }

    /// <summary>Special fully nested mode (ICW4 bit 4).</summary>
    public bool SpecialFullyNested { get; private set; }

    /// <summary>Special mask mode (OCW3).</summary>
    public bool SpecialMask { get; private set; }

    /// <summary>True when at least one unmasked request should be presented to the CPU (the INT pin).</summary>
    public bool Output => PendingIrq() >= 0;

    internal void Reset()
    {
        // The input pins belong to the devices driving them, so their levels survive a reset.
        Elcr = 0;
        ResetForInit();
        VectorBase = 0;
        Icw3 = 0;
        Icw4 = 0;
        _initStep = 0;
        _needIcw4 = false;
        _singleMode = false;
        AutoEoi = false;
        SpecialFullyNested = false;
        RecomputeIrr();
    }

    /// <summary>Returns one register (imr, isr or base) to its power-on value; false for any other name.</summary>
    internal bool ResetRegister(string name)
    {
        switch (name)
        {
            case "imr":
                Imr = 0;
                break;
            case "isr":
                Isr = 0;
                break;
            case "base":
                VectorBase = 0;
                break;
            default:
                return false;
        }

        RecomputeIrr();
        return true;
    }

    internal void SetLine(int ir, bool level)
    {
        var bit = (byte)(1 << ir);
        if (level)
        {
            if ((_lines & bit) == 0)
            {
                _edgeArmed |= bit;
            }

            _lines |= bit;
        }
        else
        {
            _lines &= (byte)~bit;
            _edgeArmed &= (byte)~bit;
        }

        RecomputeIrr();
    }

    internal void WriteCommand(byte value)
    {
        if ((value & 0x10) != 0)
        {
            WriteIcw1(value);
        }
        else if ((value & 0x08) != 0)
        {
            WriteOcw3(value);
        }
        else
        {
            WriteOcw2(value);
        }
    }

    internal void WriteData(byte value)
    {
        switch (_initStep)
        {
            case 1:
                VectorBase = (byte)(value & 0xF8);
                _initStep = _singleMode ? (_needIcw4 ? 3 : 0) : 2;
                break;
            case 2:
                Icw3 = value;
                _initStep = _needIcw4 ? 3 : 0;
                break;
            case 3:
                Icw4 = value;
                AutoEoi = (value & 0x02) != 0;
                SpecialFullyNested = (value & 0x10) != 0;
                _initStep = 0;
                break;
            default:
                Imr = value;
                break;
        }
    }

    internal byte ReadCommand()
    {
        if (_poll)
        {
            _poll = false;
            var irq = PendingIrq();
            if (irq < 0)
            {
                return 0;
            }

            Acknowledge(irq);
            return (byte)(0x80 | irq);
        }

        return _readIsr ? Isr : Irr;
    }

    internal byte ReadData() => Imr;

    internal void WriteElcr(byte value)
    {
        Elcr = (byte)(value & ElcrMask);
        RecomputeIrr();
    }

    /// <summary>The IR the chip would deliver now, or -1.</summary>
    internal int PendingIrq()
    {
        var requests = (byte)(Irr & ~Imr);
        var request = HighestPriority(requests);
        if (request < 0)
        {
            return -1;
        }

        // In special mask mode masked in-service levels do not block; SFNM lets a slave's
        // further requests through while its cascade input is in service.
        var inService = SpecialMask ? (byte)(Isr & ~Imr) : Isr;
        if (IsMaster && SpecialFullyNested)
        {
            inService &= unchecked((byte)~0x04);
        }

        var current = HighestPriority(inService);
        return current < 0 || Priority(request) < Priority(current) ? request : -1;
    }

    /// <summary>The INTA cycle for <paramref name="irq"/>: moves the request into service.</summary>
    internal void Acknowledge(int irq)
    {
        var bit = (byte)(1 << irq);
        if (AutoEoi)
        {
            if (_rotateOnAutoEoi)
            {
                LowestPriority = irq;
            }
        }
        else
        {
            Isr |= bit;
        }

        _edgeArmed &= (byte)~bit;
        RecomputeIrr();
    }

    internal void Snapshot(string prefix, List<KeyValuePair<string, ulong>> registers)
    {
        registers.Add(new(prefix + "irr", Irr));
        registers.Add(new(prefix + "isr", Isr));
        registers.Add(new(prefix + "imr", Imr));
        registers.Add(new(prefix + "vector_base", VectorBase));
        registers.Add(new(prefix + "icw3", Icw3));
        registers.Add(new(prefix + "icw4", Icw4));
        registers.Add(new(prefix + "elcr", Elcr));
        registers.Add(new(prefix + "lowest_priority", (ulong)LowestPriority));
        registers.Add(new(prefix + "init_step", (ulong)_initStep));
        registers.Add(new(prefix + "read_isr", _readIsr ? 1ul : 0ul));
        registers.Add(new(prefix + "special_mask", SpecialMask ? 1ul : 0ul));
        registers.Add(new(prefix + "lines", _lines));
    }

    private void WriteIcw1(byte value)
    {
        ResetForInit();
        _needIcw4 = (value & 0x01) != 0;
        _singleMode = (value & 0x02) != 0;
        _levelTriggeredAll = (value & 0x08) != 0;
        if (!_needIcw4)
        {
            Icw4 = 0;
            AutoEoi = false;
            SpecialFullyNested = false;
        }

        _initStep = 1;
        RecomputeIrr();
    }

    private void ResetForInit()
    {
        // ICW1 clears the mask, the in-service bits and the edge detectors: a line already
        // high must fall and rise again before an edge input requests (8259A datasheet).
        Imr = 0;
        Isr = 0;
        Irr = 0;
        _edgeArmed = 0;
        LowestPriority = 7;
        SpecialMask = false;
        _readIsr = false;
        _poll = false;
        _rotateOnAutoEoi = false;
        _levelTriggeredAll = false;
    }

    private void WriteOcw2(byte value)
    {
        var level = value & 0x07;
        switch (value >> 5)
        {
            case 0b000:
                _rotateOnAutoEoi = false;
                break;
            case 0b100:
                _rotateOnAutoEoi = true;
                break;
            case 0b001:
                EndOfInterrupt(HighestPriority(Isr), rotate: false);
                break;
            case 0b101:
                EndOfInterrupt(HighestPriority(Isr), rotate: true);
                break;
            case 0b011:
                EndOfInterrupt(level, rotate: false);
                break;
            case 0b111:
                EndOfInterrupt(level, rotate: true);
                break;
            case 0b110:
                LowestPriority = level;
                break;
            default:
                break;
        }
    }

    private void EndOfInterrupt(int irq, bool rotate)
    {
        if (irq < 0)
        {
            return;
        }

        Isr &= (byte)~(1 << irq);
        if (rotate)
        {
            LowestPriority = irq;
        }
    }

    private void WriteOcw3(byte value)
    {
        if ((value & 0x04) != 0)
        {
            _poll = true;
        }

        if ((value & 0x02) != 0)
        {
            _readIsr = (value & 0x01) != 0;
        }

        if ((value & 0x40) != 0)
        {
            SpecialMask = (value & 0x20) != 0;
        }
    }

    private void RecomputeIrr()
    {
        var level = _levelTriggeredAll ? (byte)0xFF : Elcr;
        Irr = (byte)((_lines & level) | (_edgeArmed & ~level & _lines));
    }

    private int Priority(int irq) => (irq - LowestPriority - 1) & 7;

    private int HighestPriority(byte bits)
    {
        if (bits == 0)
        {
            return -1;
        }

        for (var p = 0; p < 8; p++)
        {
            var irq = (LowestPriority + 1 + p) & 7;
            if ((bits & (1 << irq)) != 0)
            {
                return irq;
            }
        }

        return -1;
    }
}
