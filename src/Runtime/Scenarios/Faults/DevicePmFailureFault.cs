using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>device_pm_failure</c>: a device's PM callback returns an error in the next jump (B14).</summary>
/// <param name="Span">The fault step.</param>
/// <param name="Device">The device's name.</param>
/// <param name="Index">The device's place in dpm_list (declaration order).</param>
/// <param name="Phase">The callback that fails.</param>
/// <param name="Errno">The error it returns.</param>
public sealed record DevicePmFailureFault(SourceSpan Span, string Device, int Index, string Phase, int Errno) : PlannedFault(Span)
{
    private const int DefaultErrno = Abi.Errno.EIO;

    private static readonly HashSet<string> ResumeCallbacks = new(StringComparer.Ordinal) { "restore_noirq", "restore_early", "restore", "complete" };

    /// <inheritdoc />
    public override string Kind => "device_pm_failure";

    /// <inheritdoc />
    public override string Describe() => $"fault device_pm_failure device={Device} phase={Phase} errno={Abi.Errno.NameOf(Errno)}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var (device, index) = p.Device();
        var phase = p.Text("phase") ?? "";
        if (p.Era.MissingPoints.TryGetValue(phase, out var why))
        {
            p.Error(PlanCatalogue.PointMissing, p.SpanOf("phase"), "device_pm_failure", phase, why);
            return null;
        }

        if (ResumeCallbacks.Contains(phase))
        {
            p.Error(PlanCatalogue.ResumeFailureIgnored, p.SpanOf("phase"), phase);
        }

        return new DevicePmFailureFault(p.Step.Span, device.Name.Value, index, phase, p.Errno(DefaultErrno));
    }

    internal override void Arm(IFaultTarget target) => target.FailDevice(Index, Phase, Errno);
}
