using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The drivers and system steps kernel A's kernel_kexec reaches for a scenario: one driver per declared device, in
/// declaration order (dpm_list order), whose callbacks succeed unless a fault step made one fail; and system steps
/// that succeed unless a <c>kernel_step_failure</c> names them.
/// </summary>
public sealed class ScenarioPm : IDevicePm, ISystemPm
{
    private readonly Dictionary<(int Device, string Callback), int> _deviceFailures = [];
    private readonly Dictionary<string, int> _stepFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action> _atCallback = new(StringComparer.Ordinal);

    /// <summary>Creates the PM view of <paramref name="deviceCount"/> devices.</summary>
    public ScenarioPm(int deviceCount) => DeviceCount = deviceCount;

    /// <inheritdoc />
    public int DeviceCount { get; }

    /// <summary>Makes <paramref name="callback"/> of device <paramref name="device"/> return <paramref name="errno"/>.</summary>
    public void FailDevice(int device, string callback, int errno) => _deviceFailures[(device, callback)] = errno;

    /// <summary>
    /// Runs <paramref name="action"/> once, when the PM core reaches the device callback phase <paramref name="callback"/>
    /// (before the first device's callback of that phase).
    /// </summary>
    public void At(string callback, Action action) =>
        _atCallback[callback] = _atCallback.TryGetValue(callback, out var earlier) ? earlier + action : action;

    /// <summary>Makes the system step <paramref name="step"/> return <paramref name="errno"/>.</summary>
    public void FailStep(string step, int errno) => _stepFailures[step] = errno;

    /// <inheritdoc />
    public int Prepare(int device) => Device(device, "prepare");

    /// <inheritdoc />
    public int Freeze(int device) => Device(device, "freeze");

    /// <inheritdoc />
    public int FreezeLate(int device) => Device(device, "freeze_late");

    /// <inheritdoc />
    public int FreezeNoirq(int device) => Device(device, "freeze_noirq");

    /// <inheritdoc />
    public int RestoreNoirq(int device) => Device(device, "restore_noirq");

    /// <inheritdoc />
    public int RestoreEarly(int device) => Device(device, "restore_early");

    /// <inheritdoc />
    public int Restore(int device) => Device(device, "restore");

    /// <inheritdoc />
    public int Complete(int device) => Device(device, "complete");

    /// <inheritdoc />
    public int ThawEarly(int device) => 0;

    /// <inheritdoc />
    public int ThawNoirq(int device) => 0;

    /// <inheritdoc />
    public int FreezeProcesses() => Step("freeze_processes");

    /// <inheritdoc />
    public void ThawProcesses()
    {
    }

    /// <inheritdoc />
    public int DisableSecondaryCpus() => Step("disable_secondary_cpus");

    /// <inheritdoc />
    public void EnableSecondaryCpus()
    {
    }

    /// <inheritdoc />
    public int SyscoreSuspend() => Step("syscore_suspend");

    /// <inheritdoc />
    public void SyscoreResume()
    {
    }

    private int Device(int device, string callback)
    {
        if (_atCallback.Remove(callback, out var action))
        {
            action();
        }

        return _deviceFailures.TryGetValue((device, callback), out var errno) ? errno : 0;
    }

    private int Step(string step) => _stepFailures.TryGetValue(step, out var errno) ? errno : 0;
}
