namespace KjTest.Runtime.Machine.Devices;

/// <summary>
/// A device on the emulated machine. Devices are driven by the CPU through <see cref="Bus.IoBus"/>
/// (port I/O and MMIO) and may raise IRQ lines and write guest RAM (DMA).
/// </summary>
public interface IDevice
{
    /// <summary>Instance name, unique on one machine (e.g. <c>uart0</c>).</summary>
    string Name { get; }

    /// <summary>The device's registers as name/value pairs, for comparing state before and after a jump.</summary>
    DeviceSnapshot Snapshot();

    /// <summary>Returns the device to its power-on state.</summary>
    void Reset();
}
