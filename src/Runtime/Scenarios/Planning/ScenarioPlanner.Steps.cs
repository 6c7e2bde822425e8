using KjTest.Abi;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Scenarios.Faults;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>The steps: typed, and the loads previewed on the planning machine.</summary>
public sealed partial class ScenarioPlanner
{
    private readonly Dictionary<string, ulong> _labels = new(StringComparer.Ordinal);
    private bool _jumped;
    private bool _normalExpected;
    private string? _lockHeldFor;

    private (List<PlannedStep> Steps, Dictionary<string, ulong> Labels, List<StepPreview> Previews) PlanSteps(PlanState state)
    {
        var steps = new List<PlannedStep>();
        var previews = new List<StepPreview>();
        var kernel = state.Preview!.Kernel;
        foreach (var step in _scenario.Steps)
        {
            PlannedStep? planned = step switch
            {
                LoadStep load => PlanLoad(load),
                UnloadStep unload => new UnloadPlan(unload.Span, unload.Crash.Value, Result(unload.Expect.Value), unload.Expect.Span),
                JumpStep jump => PlanJump(jump),
                FaultStep { Kind.Value: "relocate_bug" } bug => _bugFaults.GetValueOrDefault(bug),
                FaultStep fault => PlanFault(fault, state),
                ExpectStep expect => PlanExpect(expect, state),
                _ => throw new InvalidOperationException($"step {step.GetType().Name} has no planner"),
            };
            if (planned is null)
            {
                continue;
            }

            steps.Add(planned);
            switch (planned)
            {
                case LoadPlan load:
                    previews.Add(Preview(load, kernel, locked: true, () => kernel.KexecLoad(load.Entry, load.Segments, load.Flags)));
                    if (load.Expect.Errno == 0 && (load.Flags & KexecFlags.OnCrash) == 0)
                    {
                        _normalExpected = true;
                    }

                    break;
                case UnloadPlan unload:
                    previews.Add(Preview(unload, kernel, locked: false, () => kernel.KexecLoad(0, [], unload.Crash ? KexecFlags.OnCrash : 0)));
                    if (unload.Expect.Errno == 0 && !unload.Crash)
                    {
                        _normalExpected = false;
                    }

                    break;
                case AllocFailureFault alloc:
                    kernel.AllocationFailures.Arm(alloc.What, alloc.After);
                    break;
                case LockHeldFault held:
                    _lockHeldFor = held.During;
                    break;
                case JumpPlan:
                    _lockHeldFor = _lockHeldFor == "jump" ? null : _lockHeldFor;
                    break;
            }
        }

        return (steps, _labels, previews);
    }

    /// <summary>Runs a load or unload on the planning machine, with the lock held as the run will hold it.</summary>
    private StepPreview Preview(PlannedStep step, KernelModel kernel, bool locked, Func<KexecLoadResult> call)
    {
        var held = locked && _lockHeldFor == "load";
        if (held)
        {
            kernel.HoldKexecLock();
        }

        try
        {
            var result = call();
            return new StepPreview(step, result.ToString(), result.ReturnValue == 0 ? result.Layout : null);
        }
        catch (InvalidOperationException ex) when (_scenario.Relocate is { } relocate)
        {
            // The user's routine is assembled at the control page machine_kexec_prepare chose.
            _diagnostics.Report(PlanCatalogue.RelocateRoutine, relocate.Image.Span, relocate.Image.Value, ex.Message);
            return new StepPreview(step, "not previewed", null);
        }
        finally
        {
            if (held)
            {
                kernel.ReleaseKexecLock();
                _lockHeldFor = null;
            }
        }
    }

    private LoadPlan? PlanLoad(LoadStep load)
    {
        var image = _scenario.Images.First(i => i.Name.Value == load.Image.Value);
        var resolution = ScenarioMachine.Resolver.Resolve(_scenario, _baseDirectory, image);
        _diagnostics.AddRange(resolution.Diagnostics);
        if (resolution.Image is not { } resolved || !resolution.Succeeded)
        {
            return null;
        }

        foreach (var (name, value) in resolved.Labels)
        {
            _labels[name] = value;
        }

        var entry = resolved.Entry;
        if (load.Entry is { } written)
        {
            if (Dsl.Images.ImageResolver.ResolveEntry(resolved, written, _diagnostics) is not { } address)
            {
                return null;
            }

            entry = address;
        }

        var flags = FlagsOf(load);
        var segments = resolved.Segments.Select(s => new KexecSegment(s.Bytes, s.Mem, s.MemSize)).ToList();
        return new LoadPlan(load.Span, image.Name.Value, segments, entry, flags, Result(load.Expect.Value), load.Expect.Span);
    }

    /// <summary>The flags word a load passes: the named flags and numbers OR-ed together (the checker knows every name).</summary>
    internal static ulong FlagsOf(LoadStep load)
    {
        ulong flags = 0;
        foreach (var term in load.Flags)
        {
            flags |= term.Value.Name is { } name
                ? Abi.KexecFlags.TryGet(name, out var value) ? value : throw new InvalidOperationException($"flag {name} reached the planner unchecked")
                : term.Value.Number;
        }

        return flags;
    }

    private JumpPlan PlanJump(JumpStep jump)
    {
        _jumped = true;
        var word = jump.Expect.Value.ToLowerInvariant();
        var ending = word switch
        {
            "triple_fault" => JumpEnding.TripleFault,
            "crash" => JumpEnding.Crash,
            "timeout" => JumpEnding.Timeout,
            _ => JumpEnding.Returns,
        };
        return new JumpPlan(jump.Span, ending, ending == JumpEnding.Returns ? Result(word) : default, jump.Expect.Span);
    }

    private PlannedFault? PlanFault(FaultStep fault, PlanState state) =>
        FaultInjectors.All.TryGetValue(fault.Kind.Value, out var plan)
            ? plan(new FaultPlanning(fault, state, _diagnostics))
            : throw new InvalidOperationException($"fault kind {fault.Kind.Value} has no injector");

    private static ExpectedResult Result(string word) =>
        Errno.TryGet(word, out var errno) ? new ExpectedResult(errno) : throw new InvalidOperationException($"result '{word}' reached the planner unchecked");
}
