namespace KjTest.Runtime.Kernel.Pm;

/// <summary>The end of a <c>reboot()</c> / <c>kernel_kexec()</c> call.</summary>
/// <param name="ReturnValue">0 or a negative errno (meaningful when <paramref name="Outcome"/> is Returned).</param>
/// <param name="Outcome">Whether and how the call returned.</param>
/// <param name="Trace">Every call made, in order.</param>
/// <param name="Devices">Each device's PM stage afterwards, in dpm_list order.</param>
public sealed record KernelKexecResult(long ReturnValue, KernelKexecOutcome Outcome, IReadOnlyList<PmCall> Trace, IReadOnlyList<DevicePmStage> Devices)
{
    /// <summary>The positive errno, or 0.</summary>
    public int Errno => ReturnValue < 0 ? (int)-ReturnValue : 0;
}
