using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>A controller with one pending vector at a time, for interrupt-delivery tests.</summary>
internal sealed class FakeInterruptController : IInterruptController
{
    public byte? Pending { get; set; }

    public int Acknowledged { get; private set; }

    public bool HasPendingInterrupt => Pending.HasValue;

    public byte Acknowledge()
    {
        var v = Pending!.Value;
        Pending = null;
        Acknowledged++;
        return v;
    }
}
