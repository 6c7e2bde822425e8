using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios;

/// <summary>The step plan: what each step would do, with the kimage each load builds; no guest code runs.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>
    /// Builds the machine and kernel A of <paramref name="scenario"/> and performs only its kexec_load calls (which run
    /// no guest code), describing every step; an error text instead when the scenario cannot be set up.
    /// </summary>
    public static (IReadOnlyList<PlanStep> Steps, string? Error) Plan(Scenario scenario, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var runner = new ScenarioRunner(scenario, baseDirectory);
        if (runner.Build() is { } error)
        {
            return ([], error.Item2);
        }

        var steps = new List<PlanStep>();
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case LoadStep load:
                    var image = scenario.Images.FirstOrDefault(i => i.Name.Value == load.Image.Value);
                    if (image is null)
                    {
                        steps.Add(new PlanStep($"load {load.Image.Value}: image not defined", null, null, []));
                        break;
                    }

                    var (segments, entry, resolveError) = ImageResolver.Resolve(scenario, image, baseDirectory);
                    if (segments is null)
                    {
                        steps.Add(new PlanStep($"load {load.Image.Value}: {resolveError}", null, null, []));
                        break;
                    }

                    ulong flags = 0;
                    foreach (var term in load.Flags)
                    {
                        flags |= term.Value.Name is { } name ? FlagValue(name) : term.Value.Number;
                    }

                    var result = runner._kernel.KexecLoad(load.Entry is { Value.Symbol: null } e ? e.Value.Number : entry, segments, flags);
                    steps.Add(new PlanStep($"load {load.Image.Value} entry 0x{entry:x} flags 0x{flags:x}, expect {load.Expect.Value}", result.Layout, result.ToString(), segments));
                    break;
                case UnloadStep unload:
                    var unloaded = runner._kernel.KexecLoad(0, [], unload.Crash.Value ? KexecFlags.OnCrash : 0);
                    steps.Add(new PlanStep($"unload{(unload.Crash.Value ? " crash" : "")}, expect {unload.Expect.Value}", null, unloaded.ToString(), []));
                    break;
                case JumpStep jump:
                    steps.Add(new PlanStep($"jump: reboot(LINUX_REBOOT_CMD_KEXEC), expect {jump.Expect.Value}", null, null, []));
                    break;
                case FaultStep fault:
                    if (fault.Kind.Value == "alloc_failure" && ArmAllocationFailure(runner._kernel, fault) is { } allocError)
                    {
                        return (steps, allocError);
                    }

                    steps.Add(new PlanStep($"fault {fault.Kind.Value} " + string.Join(" ", fault.Parameters.Select(p => $"{p.Name.Value}={(p.Value is ScalarValue s ? s.Text : "[..]")}")), null, null, []));
                    break;
                case ExpectStep expect:
                    steps.Add(new PlanStep("expect " + string.Join(", ", expect.Expectations.Select(x => x.GetType().Name.Replace("Expectation", "", StringComparison.Ordinal).ToLowerInvariant())), null, null, []));
                    break;
            }
        }

        return (steps, null);
    }
}
