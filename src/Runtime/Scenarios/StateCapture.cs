using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios;

/// <summary>A's state at one moment: registers by vocabulary name, a copy-on-write RAM snapshot, device registers.</summary>
/// <param name="Registers">Every register the machine has, by name.</param>
/// <param name="Memory">RAM.</param>
/// <param name="Devices">Device registers.</param>
/// <param name="Layout">The image being jumped to (its pages are kexec's own).</param>
/// <param name="StackPointer">Physical address of A's stack pointer (the stack below it is dead).</param>
public sealed record StateCapture(
    IReadOnlyDictionary<string, UInt128> Registers,
    MemorySnapshot Memory,
    IReadOnlyList<DeviceSnapshot> Devices,
    KimageLayout? Layout,
    ulong StackPointer);
