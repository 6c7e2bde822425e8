using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Tests.Kernel.Pm;

/// <summary>Devices whose callbacks succeed except those scripted to fail, by callback name and device index.</summary>
internal sealed class ScriptedDevicePm(int count) : IDevicePm
{
    private readonly Dictionary<(string, int), int> _failures = [];

    public int DeviceCount => count;

    public ScriptedDevicePm Fail(string callback, int device, int errno)
    {
        _failures[(callback, device)] = errno;
        return this;
    }

    public int Prepare(int device) => Result("->prepare", device);

    public int Freeze(int device) => Result("->freeze", device);

    public int FreezeLate(int device) => Result("->freeze_late", device);

    public int FreezeNoirq(int device) => Result("->freeze_noirq", device);

    public int RestoreNoirq(int device) => Result("->restore_noirq", device);

    public int RestoreEarly(int device) => Result("->restore_early", device);

    public int Restore(int device) => Result("->restore", device);

    public int Complete(int device) => Result("->complete", device);

    public int ThawEarly(int device) => Result("->thaw_early", device);

    public int ThawNoirq(int device) => Result("->thaw_noirq", device);

    private int Result(string callback, int device) => _failures.GetValueOrDefault((callback, device));
}
