namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// What the CPU asks between instructions when RFLAGS.IF is set: is a maskable interrupt
/// pending, and which vector does acknowledging it deliver (the INTA cycle).
/// </summary>
public interface IInterruptController
{
    /// <summary>True when an unmasked IRQ is pending and the CPU should take it.</summary>
    bool HasPendingInterrupt { get; }

    /// <summary>Acknowledges the highest-priority pending IRQ and returns its vector.</summary>
    byte Acknowledge();
}
