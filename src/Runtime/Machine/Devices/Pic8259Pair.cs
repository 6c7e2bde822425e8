namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// The PC/AT pair of cascaded 8259A PICs: the master at ports 0x20-0x21 takes IRQ 0-7, the
/// slave at 0xA0-0xA1 takes IRQ 8-15 and drives the master's IR2. ELCR at 0x4D0/0x4D1 selects
/// level triggering per line. Devices raise lines through <see cref="SetIrq"/>; the CPU asks
/// <see cref="HasPendingInterrupt"/> and runs <see cref="Acknowledge"/> as the INTA cycle.
/// </summary>
public sealed class Pic8259Pair : IPortDevice, IInterruptController, IIrqLine
{
    private const int CascadeIr = 2;
    private const int SpuriousIr = 7;

    /// <summary>Creates the pair in its power-on state.</summary>
    /// <param name="name">Instance name.</param>
    public Pic8259Pair(string name = "pic")
    {
        Name = name;
        Master = new Pic8259(isMaster: true, elcrMask: 0xF8);
        Slave = new Pic8259(isMaster: false, elcrMask: 0xDE);
        Ports = [(0x20, 2), (0xA0, 2), (0x4D0, 2)];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<(ushort First, int Count)> Ports { get; }

    /// <summary>The master controller (IRQ 0-7).</summary>
    public Pic8259 Master { get; }

    /// <summary>The slave controller (IRQ 8-15).</summary>
    public Pic8259 Slave { get; }

    /// <summary>Number of INTA cycles that delivered a spurious vector (IR7 of the chip that had nothing).</summary>
    public int SpuriousCount { get; private set; }

    /// <inheritdoc />
    public bool HasPendingInterrupt => Master.Output;

    /// <inheritdoc />
    /// <remarks>
    /// When the request that raised INT has gone by the time of the INTA cycle, the chip
    /// answers with its IR7 vector without setting ISR: the spurious interrupt. A spurious
    /// slave interrupt leaves the master's IR2 in service, as on real hardware.
    /// </remarks>
    public byte Acknowledge()
    {
        var irq = Master.PendingIrq();
        if (irq < 0)
        {
            SpuriousCount++;
            return (byte)(Master.VectorBase + SpuriousIr);
        }

        Master.Acknowledge(irq);
        if (irq != CascadeIr)
        {
            return (byte)(Master.VectorBase + irq);
        }

        var slaveIrq = Slave.PendingIrq();
        if (slaveIrq < 0)
        {
            SpuriousCount++;
            SyncCascade();
            return (byte)(Slave.VectorBase + SpuriousIr);
        }

        Slave.Acknowledge(slaveIrq);
        SyncCascade();
        return (byte)(Slave.VectorBase + slaveIrq);
    }

    /// <inheritdoc />
    /// <remarks>
    /// IRQ 2 is the cascade input, so a device asking for IRQ 2 is routed to IRQ 9 as the
    /// PC/AT bus does.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="irq"/> is outside 0-15.</exception>
    public void SetIrq(int irq, bool level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(irq);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(irq, 15);
        if (irq == CascadeIr)
        {
            irq = 9;
        }

        if (irq < 8)
        {
            Master.SetLine(irq, level);
        }
        else
        {
            Slave.SetLine(irq - 8, level);
            SyncCascade();
        }
    }

    /// <inheritdoc />
    public uint In(ushort port, int size)
    {
        var value = (uint)ReadByte(port);
        return size switch
        {
            1 => value,
            2 => value | ((uint)ReadByte((ushort)(port + 1)) << 8),
            _ => value | 0xFFFF_FF00u,
        };
    }

    /// <inheritdoc />
    public void Out(ushort port, int size, uint value)
    {
        WriteByte(port, (byte)value);
        if (size == 2)
        {
            WriteByte((ushort)(port + 1), (byte)(value >> 8));
        }
    }

    /// <inheritdoc />
    public DeviceSnapshot Snapshot()
    {
        var registers = new List<KeyValuePair<string, ulong>>();
        Master.Snapshot("master.", registers);
        Slave.Snapshot("slave.", registers);
        return new DeviceSnapshot(Name, registers);
    }

    /// <summary>The registers <see cref="ResetRegisters"/> can return to power-on one by one.</summary>
    public static IReadOnlyList<string> ResettableRegisters { get; } = ["master.imr", "master.isr", "master.base", "slave.imr", "slave.isr", "slave.base"];

    /// <summary>
    /// Returns the named registers (master.imr, master.isr, master.base and the slave's) to their power-on values and
    /// keeps the rest; false, changing nothing, for any other name (IRR follows the input lines and cannot be lost alone).
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
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            (name.StartsWith("master", StringComparison.Ordinal) ? Master : Slave).ResetRegister(name[(dot + 1)..]);
        }

        SyncCascade();
        return true;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Master.Reset();
        Slave.Reset();
        SyncCascade();
        SpuriousCount = 0;
    }

    private byte ReadByte(ushort port)
    {
        switch (port)
        {
            case 0x20:
            {
                var value = Master.ReadCommand();
                SyncCascade();
                return value;
            }

            case 0x21:
                return Master.ReadData();
            case 0xA0:
            {
                var value = Slave.ReadCommand();
                SyncCascade();
                return value;
            }

            case 0xA1:
                return Slave.ReadData();
            case 0x4D0:
                return Master.Elcr;
            case 0x4D1:
                return Slave.Elcr;
            default:
                return 0xFF;
        }
    }

    private void WriteByte(ushort port, byte value)
    {
        switch (port)
        {
            case 0x20:
                Master.WriteCommand(value);
                break;
            case 0x21:
                Master.WriteData(value);
                break;
            case 0xA0:
                Slave.WriteCommand(value);
                break;
            case 0xA1:
                Slave.WriteData(value);
                break;
            case 0x4D0:
                Master.WriteElcr(value);
                break;
            case 0x4D1:
                Slave.WriteElcr(value);
                break;
            default:
                break;
        }

        SyncCascade();
    }

    private void SyncCascade() => Master.SetLine(CascadeIr, Slave.Output);
}
