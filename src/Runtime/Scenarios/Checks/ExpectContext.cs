using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>What an expectation reads of the machine after the steps before it, and where it reports.</summary>
internal interface IExpectContext
{
    /// <summary>A CPU register of the vocabulary, or false when the machine has none of that name.</summary>
    bool TryRegister(string name, out UInt128 value);

    /// <summary>A device register (<c>device.register</c>), or false.</summary>
    bool TryDeviceRegister(string device, string register, out UInt128 value);

    /// <summary>Guest physical memory as it is now.</summary>
    PhysicalMemory Memory { get; }

    /// <summary>The console text of <paramref name="source"/>.</summary>
    string Console(ConsoleSource source);

    /// <summary>Kernel A's normal image, or null.</summary>
    KimageLayout? NormalImage { get; }

    /// <summary>A's state before and after the last jump that returned, or null when none did.</summary>
    (StateCapture Before, StateCapture After)? LastJump { get; }

    /// <summary>Memory that a kexec jump may change by design: the kimage's own pages, the kernel's scratch, the used stack.</summary>
    IReadOnlyList<PhysicalRange> KexecOwnedMemory(StateCapture before);

    /// <summary>An expectation not met.</summary>
    void Fail(RunMessage message);

    /// <summary>Records the gap found by a preserved expectation.</summary>
    void ReportGap(Gap gap);

    /// <summary>The devices' register snapshots now.</summary>
    IReadOnlyList<DeviceSnapshot> Devices { get; }
}
