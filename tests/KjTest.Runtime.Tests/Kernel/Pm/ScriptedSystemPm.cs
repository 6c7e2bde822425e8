using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Tests.Kernel.Pm;

/// <summary>System PM hooks returning scripted errno values, counting the calls that cannot fail.</summary>
internal sealed class ScriptedSystemPm : ISystemPm
{
    public int FreezeError { get; init; }

    public int CpusError { get; init; }

    public int SyscoreError { get; init; }

    public int Thaws { get; private set; }

    public int CpuEnables { get; private set; }

    public int SyscoreResumes { get; private set; }

    public int FreezeProcesses() => FreezeError;

    public void ThawProcesses() => Thaws++;

    public int DisableSecondaryCpus() => CpusError;

    public void EnableSecondaryCpus() => CpuEnables++;

    public int SyscoreSuspend() => SyscoreError;

    public void SyscoreResume() => SyscoreResumes++;
}
