using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>
/// A scenario run with its guest instructions traced (<c>kjtest trace</c>, and the instructions before a crash). The
/// tracer only reads the guest, so the run and its result are the same as an untraced run's.
/// </summary>
public static class ScenarioTrace
{
    private const string RoutineName = "relocate_kernel";

    /// <summary>Runs <paramref name="plan"/> and writes the instructions <paramref name="options"/> select to <paramref name="line"/>, one line each.</summary>
    public static TraceSummary Run(RunPlan plan, TraceOptions options, Action<string> line)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(line);
        var recorder = new InstructionRecorder(options, line);
        var result = ScenarioRunner.Run(plan, m => Attach(m, plan, recorder));
        recorder.Flush();
        return new TraceSummary(result, recorder.Shown, recorder.Captured - recorder.Shown, recorder.Started, recorder.Ended);
    }

    /// <summary>The last <paramref name="count"/> instructions of a run of <paramref name="plan"/>, as trace lines, oldest first.</summary>
    public static IReadOnlyList<string> LastInstructions(RunPlan plan, int count)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new InstructionRecorder(new TraceOptions(Last: count), null);
        ScenarioRunner.Run(plan, m => Attach(m, plan, recorder));
        return recorder.Kept();
    }

    private static void Attach(ScenarioMachine machine, RunPlan plan, InstructionRecorder recorder)
    {
        var symbols = recorder.Symbols;
        var env = (KernelEnvironment)machine.Environment;
        var (handlers, stride) = KernelEnvironment.HandlerStubs;
        symbols.Add(env.Text + (ulong)handlers, 256UL * (ulong)stride, "A:", "vector_0", Enumerable.Range(0, 256).Select(v => new CodeLabel($"vector_{v}", v * stride)));
        foreach (var load in plan.Steps.OfType<LoadPlan>())
        {
            foreach (var segment in load.Segments)
            {
                var labels = plan.Labels.Where(l => l.Value >= segment.Mem && l.Value < segment.Mem + segment.MemSize)
                    .Select(l => new CodeLabel(l.Key, (int)(l.Value - segment.Mem)));
                symbols.Add(segment.Mem, segment.MemSize, "B:", load.Image, labels);
            }
        }

        machine.Machine.Cpu.Observer = recorder;
        machine.Driver.CodePlaced = code =>
        {
            symbols.Add(env.Text, (ulong)handlers, "A:", "machine_kexec", env.TextLabels);
            symbols.Add(code.CodePage, (ulong)code.Routine.DataOffset, "", RoutineName, code.Routine.Labels);
            recorder.OnCodePlaced(code);
        };
    }
}
