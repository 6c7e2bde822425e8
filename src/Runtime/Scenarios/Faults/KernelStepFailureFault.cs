using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>kernel_step_failure</c>: a step of kernel_kexec's suspend half fails in the next jump.</summary>
/// <param name="Span">The fault step.</param>
/// <param name="Step">The step, as the PM model names it.</param>
/// <param name="Errno">The error it returns.</param>
public sealed record KernelStepFailureFault(SourceSpan Span, string Step, int Errno) : PlannedFault(Span)
{
    private const int DefaultErrno = Abi.Errno.EBUSY;

    // The steps that fail on their own; dpm_suspend_start and dpm_suspend_end fail only through a device (KJ1537).
    private static readonly Dictionary<string, KernelKexecStep> Steps = new(StringComparer.Ordinal)
    {
        ["freeze_processes"] = KernelKexecStep.FreezeProcesses,
        ["disable_secondary_cpus"] = KernelKexecStep.DisableCpus,
        ["syscore_suspend"] = KernelKexecStep.SyscoreSuspend,
    };

    /// <inheritdoc />
    public override string Kind => "kernel_step_failure";

    /// <inheritdoc />
    public override string Describe() => $"fault kernel_step_failure step={Step} errno={Abi.Errno.NameOf(Errno)}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var name = p.Text("step") ?? "";
        if (!Steps.TryGetValue(name, out var step))
        {
            throw new InvalidOperationException($"kernel_step_failure: step '{name}' reached the planner unchecked");
        }

        // K27's device_power_down ends with sysdev_suspend, its syscore_suspend.
        if (!p.Era.Runs(step) && !(step == KernelKexecStep.SyscoreSuspend && p.Era.Runs(KernelKexecStep.DevicePowerDown)))
        {
            p.Error(PlanCatalogue.StepMissing, p.SpanOf("step"), p.Era.Name, name);
            return null;
        }

        return new KernelStepFailureFault(p.Step.Span, name, p.Errno(DefaultErrno));
    }

    internal override void Arm(IFaultTarget target) => target.FailStep(Step, Errno);
}
