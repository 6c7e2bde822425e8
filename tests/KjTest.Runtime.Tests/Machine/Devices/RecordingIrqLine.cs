using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

/// <summary>An IRQ line that remembers every level change.</summary>
internal sealed class RecordingIrqLine : IIrqLine
{
    public List<(int Irq, bool Level)> Changes { get; } = [];

    public bool[] Levels { get; } = new bool[16];

    public void SetIrq(int irq, bool level)
    {
        Changes.Add((irq, level));
        Levels[irq] = level;
    }
}
