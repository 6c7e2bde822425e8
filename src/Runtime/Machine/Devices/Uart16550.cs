namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// A 16550A UART (the PC's COM1 at 0x3F8, IRQ 4). Transmission is instant, so LSR.THRE and
/// LSR.TEMT read as set except inside a THR write; received bytes come from a host-fed queue
/// that fills the receive FIFO only as it has room (no host-caused overruns, as QEMU's
/// <c>can_receive</c> back-pressure). The IRQ output reaches the line only while MCR.OUT2 is
/// set and loopback is off, because a PC gates the UART's INTR pin with the OUT2 pin, which
/// loopback forces inactive.
/// </summary>
public sealed class Uart16550 : IPortDevice
{
    private const int FifoLength = 16;

    private const byte IerRdi = 0x01;
    private const byte IerThri = 0x02;
    private const byte IerRlsi = 0x04;
    private const byte IerMsi = 0x08;

    private const byte IirNoInt = 0x01;
    private const byte IirMsi = 0x00;
    private const byte IirThri = 0x02;
    private const byte IirRdi = 0x04;
    private const byte IirRlsi = 0x06;
    private const byte IirCti = 0x0C;
    private const byte IirFifoEnabled = 0xC0;

    private const byte FcrEnable = 0x01;
    private const byte FcrClearRx = 0x02;
    private const byte FcrClearTx = 0x04;

    private const byte LcrDlab = 0x80;

    private const byte McrDtr = 0x01;
    private const byte McrRts = 0x02;
    private const byte McrOut1 = 0x04;
    private const byte McrOut2 = 0x08;
    private const byte McrLoop = 0x10;

    private const byte LsrDr = 0x01;
    private const byte LsrOe = 0x02;
    private const byte LsrPe = 0x04;
    private const byte LsrFe = 0x08;
    private const byte LsrBi = 0x10;
    private const byte LsrThre = 0x20;
    private const byte LsrTemt = 0x40;
    private const byte LsrErrorMask = LsrOe | LsrPe | LsrFe | LsrBi;

    private const byte MsrDcts = 0x01;
    private const byte MsrDdsr = 0x02;
    private const byte MsrTeri = 0x04;
    private const byte MsrDdcd = 0x08;
    private const byte MsrCts = 0x10;
    private const byte MsrDsr = 0x20;
    private const byte MsrRi = 0x40;
    private const byte MsrDcd = 0x80;
    private const byte MsrDeltaMask = MsrDcts | MsrDdsr | MsrTeri | MsrDdcd;

    // With no modem attached, the host side looks like a connected, ready null-modem.
    private const byte MsrIdleLines = MsrDcd | MsrDsr | MsrCts;

    private readonly ushort _base;
    private readonly int _irq;
    private readonly IIrqLine? _irqLine;
    private readonly Action<byte>? _sink;
    private readonly Queue<byte> _hostInput = new();
    private readonly Queue<byte> _rxFifo = new();
    private readonly ConsoleCapture _transmitted;

    private byte _rbr;
    private byte _ier;
    private byte _fcr;
    private byte _lcr;
    private byte _mcr;
    private byte _lsr;
    private byte _msr;
    private byte _scr;
    private ushort _divisor;
    private bool _thrPending;
    private bool _irqLevel;

    /// <summary>Creates the UART.</summary>
    /// <param name="name">Instance name.</param>
    /// <param name="basePort">First of its eight ports.</param>
    /// <param name="irq">IRQ number raised on <paramref name="irqLine"/>.</param>
    /// <param name="irqLine">Where the interrupt output goes (the PIC); null leaves it unconnected.</param>
    /// <param name="sink">Optional consumer of each transmitted byte.</param>
    /// <param name="captureCap">Bytes of transmitted output kept for snapshots and expectations; 0 keeps none.</param>
    public Uart16550(string name = "uart0", ushort basePort = 0x3F8, int irq = 4, IIrqLine? irqLine = null, Action<byte>? sink = null, long captureCap = ConsoleCapture.DefaultCap)
    {
        _transmitted = new ConsoleCapture(captureCap);
        Name = name;
        _base = basePort;
        _irq = irq;
        _irqLine = irqLine;
        _sink = sink;
        Ports = [(basePort, 8)];
        Reset();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <summary>Bytes the guest transmitted (outside loopback) since the last reset or <see cref="ClearTransmitted"/>.</summary>
    public IReadOnlyList<byte> Transmitted => _transmitted.Bytes.ToArray();

    /// <summary>The transmitted bytes kept, up to the capture's cap.</summary>
    public ConsoleCapture Capture => _transmitted;

    /// <summary>The transmitted bytes as Latin-1 text.</summary>
    public string TransmittedText => _transmitted.Text;

    /// <summary>Current level of the IRQ output after OUT2 gating.</summary>
    public bool IrqLevel => _irqLevel;

    /// <summary>Bytes queued by the host and not yet read by the guest (FIFO plus host queue).</summary>
    public int PendingInput => _rxFifo.Count + _hostInput.Count;

    /// <summary>Divisor latch value (baud = 115200 / divisor).</summary>
    public ushort Divisor => _divisor;

    /// <summary>Forgets the captured transmit output.</summary>
    public void ClearTransmitted() => _transmitted.Clear();

    /// <summary>Queues bytes for the guest to receive, as if they arrived on the line.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _hostInput.Enqueue(b);
        }

        PullHostInput();
        UpdateIrq();
    }

    /// <inheritdoc />
    /// <remarks>A wide access is split into byte accesses of consecutive registers, as the ISA bus does for an 8-bit device.</remarks>
    public uint In(ushort port, int size)
    {
        uint value = 0;
        for (var i = 0; i < size; i++)
        {
            var offset = port + i - _base;
            uint b = offset is >= 0 and < 8 ? ReadRegister(offset) : 0xFFu;
            value |= b << (8 * i);
        }

        return value;
    }

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value)
    {
        for (var i = 0; i < size; i++)
        {
            var offset = port + i - _base;
            if (offset is >= 0 and < 8)
            {
                WriteRegister(offset, (byte)(value >> (8 * i)));
            }
        }
    }

    /// <inheritdoc />
    public DeviceSnapshot Snapshot() => new(Name,
    [
        new("rbr", _rbr),
        new("ier", _ier),
        new("iir", ComputeIir()),
        new("fcr", _fcr),
        new("lcr", _lcr),
        new("mcr", _mcr),
        new("lsr", _lsr),
        new("msr", _msr),
        new("scr", _scr),
        new("dll", (ulong)(_divisor & 0xFF)),
        new("dlm", (ulong)(_divisor >> 8)),
        new("rx_fifo_count", (ulong)_rxFifo.Count),
        new("host_input_count", (ulong)_hostInput.Count),
        new("thr_pending", _thrPending ? 1ul : 0ul),
        new("irq", _irqLevel ? 1ul : 0ul),
    ]);

    /// <inheritdoc />
    public void Reset()
    {
        _rbr = 0;
        _ier = 0;
        _fcr = 0;
        _lcr = 0;
        _mcr = 0;
        _lsr = LsrThre | LsrTemt;
        _msr = MsrIdleLines;
        _scr = 0;
        _divisor = 0x0C;
        _thrPending = false;
        _rxFifo.Clear();
        _hostInput.Clear();
        _transmitted.Clear();
        UpdateIrq();
    }

    /// <summary>The registers <see cref="ResetRegisters"/> can return to power-on one by one (IIR and THR follow the others).</summary>
    public static IReadOnlyList<string> ResettableRegisters { get; } = ["rbr", "ier", "fcr", "lcr", "mcr", "lsr", "msr", "scr", "dll", "dlm"];

    /// <summary>
    /// Returns the named registers (vocabulary names: rbr, ier, fcr, lcr, mcr, lsr, msr, scr, dll, dlm) to their power-on
    /// values and keeps the rest; false, changing nothing, when a name is not one of them.
    /// </summary>
    public bool ResetRegisters(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Any(n => !ResettableRegisters.Contains(n, StringComparer.Ordinal)))
        {
            return false;
        }

        foreach (var name in names)
        {
            switch (name)
            {
                case "rbr": _rbr = 0; break;
                case "ier": _ier = 0; break;
                case "fcr": _fcr = 0; break;
                case "lcr": _lcr = 0; break;
                case "mcr": _mcr = 0; break;
                case "lsr": _lsr = LsrThre | LsrTemt; break;
                case "msr": _msr = MsrIdleLines; break;
                case "scr": _scr = 0; break;
                case "dll": _divisor = (ushort)((_divisor & 0xFF00) | 0x0C); break;
                default: _divisor &= 0x00FF; break;
            }
        }

        UpdateIrq();
        return true;
    }

    private bool FifoEnabled => (_fcr & FcrEnable) != 0;

    private bool Loopback => (_mcr & McrLoop) != 0;

    private int TriggerLevel => (_fcr >> 6) switch
    {
        0 => 1,
        1 => 4,
        2 => 8,
        _ => 14,
    };

    private byte ReadRegister(int offset)
    {
        switch (offset)
        {
            case 0:
                if ((_lcr & LcrDlab) != 0)
                {
                    return (byte)_divisor;
                }

                return ReadRbr();
            case 1:
                return (_lcr & LcrDlab) != 0 ? (byte)(_divisor >> 8) : _ier;
            case 2:
            {
                var iir = ComputeIir();

                // Reading IIR while it reports THRE is what acknowledges that interrupt.
                if ((iir & 0x0F) == IirThri)
                {
                    _thrPending = false;
                    UpdateIrq();
                }

                return iir;
            }

            case 3:
                return _lcr;
            case 4:
                return _mcr;
            case 5:
            {
                var lsr = _lsr;
                _lsr &= unchecked((byte)~LsrErrorMask);
                UpdateIrq();
                return lsr;
            }

            case 6:
            {
                var msr = _msr;
                _msr &= unchecked((byte)~MsrDeltaMask);
                UpdateIrq();
                return msr;
            }

            default:
                return _scr;
        }
    }

    private byte ReadRbr()
    {
        if (_rxFifo.Count > 0)
        {
            _rbr = _rxFifo.Dequeue();
        }

        PullHostInput();
        if (_rxFifo.Count == 0)
        {
            _lsr &= unchecked((byte)~LsrDr);
        }

        UpdateIrq();
        return _rbr;
    }

    private void WriteRegister(int offset, byte value)
    {
        switch (offset)
        {
            case 0:
                if ((_lcr & LcrDlab) != 0)
                {
                    _divisor = (ushort)((_divisor & 0xFF00) | value);
                }
                else
                {
                    Transmit(value);
                }

                break;
            case 1:
                if ((_lcr & LcrDlab) != 0)
                {
                    _divisor = (ushort)((_divisor & 0x00FF) | (value << 8));
                }
                else
                {
                    var enabledNow = (byte)(value & 0x0F & ~_ier);
                    _ier = (byte)(value & 0x0F);

                    // Enabling THRI while THR is empty raises the interrupt at once (16550 datasheet).
                    if ((enabledNow & IerThri) != 0 && (_lsr & LsrThre) != 0)
                    {
                        _thrPending = true;
                    }

                    UpdateIrq();
                }

                break;
            case 2:
                WriteFcr(value);
                break;
            case 3:
                _lcr = value;
                break;
            case 4:
                WriteMcr(value);
                break;
            case 5:
                // LSR is read-only on the 16550; factory test writes are ignored, as QEMU does.
                break;
            case 6:
                // MSR is read-only; the delta bits change only with the modem lines.
                break;
            default:
                _scr = value;
                break;
        }
    }

    private void Transmit(byte value)
    {
        // The shift register empties at once, so THRE only drops for the duration of this write.
        if (Loopback)
        {
            Deliver(value);
        }
        else
        {
            _transmitted.Add(value);
            _sink?.Invoke(value);
        }

        _lsr |= LsrThre | LsrTemt;
        _thrPending = true;
        UpdateIrq();
    }

    private void WriteFcr(byte value)
    {
        var enableChanged = ((value ^ _fcr) & FcrEnable) != 0;
        if ((value & FcrClearRx) != 0 || enableChanged)
        {
            _rxFifo.Clear();
            _lsr &= unchecked((byte)~LsrDr);
        }

        // The clear bits self-reset; the DMA mode bit is kept for readback through the snapshot only.
        _fcr = (byte)(value & ~(FcrClearRx | FcrClearTx));
        PullHostInput();
        UpdateIrq();
    }

    private void WriteMcr(byte value)
    {
        var oldLines = ModemLines();
        _mcr = (byte)(value & 0x1F);
        var newLines = ModemLines();
        if (oldLines != newLines)
        {
            var changed = (byte)(oldLines ^ newLines);
            var delta = (byte)0;
            if ((changed & MsrCts) != 0)
            {
                delta |= MsrDcts;
            }

            if ((changed & MsrDsr) != 0)
            {
                delta |= MsrDdsr;
            }

            if ((changed & MsrDcd) != 0)
            {
                delta |= MsrDdcd;
            }

            // TERI reports only the trailing edge of RI (RI going inactive).
            if ((oldLines & MsrRi) != 0 && (newLines & MsrRi) == 0)
            {
                delta |= MsrTeri;
            }

            _msr = (byte)(newLines | (_msr & MsrDeltaMask) | delta);
        }

        PullHostInput();
        UpdateIrq();
    }

    private byte ModemLines()
    {
        if (!Loopback)
        {
            return MsrIdleLines;
        }

        // Loopback wires RTS to CTS, DTR to DSR, OUT1 to RI and OUT2 to DCD.
        var lines = (byte)0;
        if ((_mcr & McrRts) != 0)
        {
            lines |= MsrCts;
        }

        if ((_mcr & McrDtr) != 0)
        {
            lines |= MsrDsr;
        }

        if ((_mcr & McrOut1) != 0)
        {
            lines |= MsrRi;
        }

        if ((_mcr & McrOut2) != 0)
        {
            lines |= MsrDcd;
        }

        return lines;
    }

    private void Deliver(byte value)
    {
        var capacity = FifoEnabled ? FifoLength : 1;
        if (_rxFifo.Count >= capacity)
        {
            // Overrun: the new character is lost and the FIFO contents are kept.
            _lsr |= LsrOe;
            return;
        }

        _rxFifo.Enqueue(value);
        _lsr |= LsrDr;
    }

    private void PullHostInput()
    {
        // The line is disconnected from the receiver while in loopback.
        if (Loopback)
        {
            return;
        }

        var capacity = FifoEnabled ? FifoLength : 1;
        while (_hostInput.Count > 0 && _rxFifo.Count < capacity)
        {
            _rxFifo.Enqueue(_hostInput.Dequeue());
            _lsr |= LsrDr;
        }
    }

    private byte ComputeIir()
    {
        var fifoBits = FifoEnabled ? IirFifoEnabled : (byte)0;
        if ((_ier & IerRlsi) != 0 && (_lsr & LsrErrorMask) != 0)
        {
            return (byte)(fifoBits | IirRlsi);
        }

        if ((_ier & IerRdi) != 0 && (_lsr & LsrDr) != 0)
        {
            if (!FifoEnabled || _rxFifo.Count >= TriggerLevel)
            {
                return (byte)(fifoBits | IirRdi);
            }

            // With no clock, the character timeout is taken as elapsed once no more input is on its way.
            if (_hostInput.Count == 0)
            {
                return (byte)(fifoBits | IirCti);
            }
        }

        if ((_ier & IerThri) != 0 && _thrPending)
        {
            return (byte)(fifoBits | IirThri);
        }

        if ((_ier & IerMsi) != 0 && (_msr & MsrDeltaMask) != 0)
        {
            return (byte)(fifoBits | IirMsi);
        }

        return (byte)(fifoBits | IirNoInt);
    }

    private void UpdateIrq()
    {
        var pending = (ComputeIir() & IirNoInt) == 0;
        var level = pending && (_mcr & McrOut2) != 0 && !Loopback;
        if (level == _irqLevel)
        {
            return;
        }

        _irqLevel = level;
        _irqLine?.SetIrq(_irq, level);
    }
}
