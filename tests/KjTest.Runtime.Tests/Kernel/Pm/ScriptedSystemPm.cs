using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Tests.Kernel.Pm;

/// <summary>
/// System PM hooks returning scripted errno values, counting the calls that cannot fail, recording the transition points
/// and interrupt-flag changes in order, and losing the machine at <see cref="DiesAt"/>.
/// </summary>
internal sealed class ScriptedSystemPm : ISystemPm
{
    public int FreezeError { get; init; }

    public int CpusError { get; init; }

    public int SyscoreError { get; init; }

    public int Thaws { get; private set; }

    public int CpuEnables { get; private set; }

    public int SyscoreResumes { get; private set; }

    public string? DiesAt { get; init; }

    public List<string> Points { get; } = [];

    public int FreezeProcesses() => FreezeError;

    public bool At(string point)
    {
        Points.Add(point);
        return point != DiesAt;
    }

    public void LocalIrqDisable() => Points.Add("irqs off");

    public bool LocalIrqEnable()
    {
        Points.Add("irqs on");
        return DiesAt != "irqs on";
    }


    public void ThawProcesses() => Thaws++;

    public int DisableSecondaryCpus() => CpusError;

    public void EnableSecondaryCpus() => CpuEnables++;

    public int SyscoreSuspend() => SyscoreError;

    public void SyscoreResume() => SyscoreResumes++;
}
