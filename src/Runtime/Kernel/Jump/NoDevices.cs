using KjTest.Runtime.Kernel.Pm;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>A kernel without drivers and whose system steps all succeed (kernel B, which brings no devices of its own).</summary>
public sealed class NoDevices : IDevicePm, ISystemPm
{
    /// <summary>The one instance.</summary>
    public static NoDevices Instance { get; } = new();

    /// <inheritdoc />
    public int DeviceCount => 0;

    /// <inheritdoc />
    public int Prepare(int device) => 0;

    /// <inheritdoc />
    public int Freeze(int device) => 0;

    /// <inheritdoc />
    public int FreezeLate(int device) => 0;

    /// <inheritdoc />
    public int FreezeNoirq(int device) => 0;

    /// <inheritdoc />
    public int RestoreNoirq(int device) => 0;

    /// <inheritdoc />
    public int RestoreEarly(int device) => 0;

    /// <inheritdoc />
    public int Restore(int device) => 0;

    /// <inheritdoc />
    public int Complete(int device) => 0;

    /// <inheritdoc />
    public int ThawEarly(int device) => 0;

    /// <inheritdoc />
    public int ThawNoirq(int device) => 0;

    /// <inheritdoc />
    public int FreezeProcesses() => 0;

    /// <inheritdoc />
    public void ThawProcesses()
    {
    }

    /// <inheritdoc />
    public int DisableSecondaryCpus() => 0;

    /// <inheritdoc />
    public void EnableSecondaryCpus()
    {
    }

    /// <inheritdoc />
    public int SyscoreSuspend() => 0;

    /// <inheritdoc />
    public void SyscoreResume()
    {
    }
}
