using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The drivers and system steps kernel A's kernel_kexec reaches for a scenario: one driver per declared device, in
/// declaration order (dpm_list order), whose callbacks succeed unless a fault step made one fail; and system steps
/// that succeed unless a <c>kernel_step_failure</c> names them; at the transition points of kernel_kexec, the faults
/// armed there, then whatever the CPU does (<c>takeEvents</c>).
/// </summary>
public sealed class ScenarioPm : IDevicePm, ISystemPm
{
    private readonly Dictionary<(int Device, string Callback), int> _deviceFailures = [];
    private readonly Dictionary<string, int> _stepFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action> _atPoint = new(StringComparer.Ordinal);
    private readonly Func<string, bool>? _takeEvents;
    private readonly Action<bool>? _interrupts;

    /// <summary>
    /// Creates the PM view of <paramref name="deviceCount"/> devices. <paramref name="takeEvents"/> lets the CPU take
    /// pending interrupts at a point (false when the machine did not survive); <paramref name="interrupts"/> sets or
    /// clears the CPU's interrupt flag.
    /// </summary>
    public ScenarioPm(int deviceCount, Func<string, bool>? takeEvents = null, Action<bool>? interrupts = null)
    {
        DeviceCount = deviceCount;
        _takeEvents = takeEvents;
        _interrupts = interrupts;
    }

    /// <inheritdoc />
    public int DeviceCount { get; }

    /// <summary>Makes <paramref name="callback"/> of device <paramref name="device"/> return <paramref name="errno"/>.</summary>
    public void FailDevice(int device, string callback, int errno) => _deviceFailures[(device, callback)] = errno;

    /// <summary>
    /// Runs <paramref name="action"/> once, when kernel_kexec reaches the transition point <paramref name="point"/> (a
    /// device callback phase as it starts, before its first device).
    /// </summary>
    public void At(string point, Action action) =>
        _atPoint[point] = _atPoint.TryGetValue(point, out var earlier) ? earlier + action : action;

    /// <inheritdoc />
    public bool At(string point)
    {
        if (_atPoint.Remove(point, out var action))
        {
            action();
        }

        return _takeEvents?.Invoke(point) ?? true;
    }

    /// <inheritdoc />
    public void LocalIrqDisable() => _interrupts?.Invoke(false);

    /// <inheritdoc />
    public bool LocalIrqEnable()
    {
        _interrupts?.Invoke(true);
        return _takeEvents?.Invoke("local_irq_enable") ?? true;
    }

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

    private int Device(int device, string callback) => _deviceFailures.TryGetValue((device, callback), out var errno) ? errno : 0;

    private int Step(string step) => _stepFailures.TryGetValue(step, out var errno) ? errno : 0;
}
