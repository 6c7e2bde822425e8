namespace KjTest.Runtime.Machine.Devices;

/// <summary>The way a device raises or lowers its interrupt request line.</summary>
public interface IIrqLine
{
    /// <summary>Sets the level of IRQ <paramref name="irq"/> (0-15 on the 8259A pair).</summary>
    void SetIrq(int irq, bool level);
}
