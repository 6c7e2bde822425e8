using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;
using KjTest.Runtime.Scenarios.Checks;
using KjTest.Runtime.Scenarios.Faults;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// Executes one <see cref="RunPlan"/>: builds the machine and kernel A, runs the steps (load, unload, jump, fault,
/// expect) and decides the outcome (DESIGN 5). It decides nothing about validity: the planner did. An <c>error</c>
/// outcome means KjTest itself failed. Deterministic: the same plan gives the same result.
/// </summary>
public sealed partial class ScenarioRunner : IFaultTarget, IExpectContext
{
    private readonly RunPlan _plan;
    private readonly List<RunMessage> _messages = [];
    private ScenarioMachine _m = null!;
    private StateCapture? _before;
    private StateCapture? _after;
    private Gap? _gap;
    private CrashState? _crash;
    private bool _failed;
    private OutcomeKind? _terminal;
    private ulong _pagesSwapped;
    private string? _heldLockFor;
    private ScenarioPm _pm = new(0);
    private Action? _loseDeviceState;
    private readonly Action<ScenarioMachine>? _attach;

    /// <summary>Instructions a crash report shows, traced on demand by running the scenario again.</summary>
    public const int CrashTraceLength = 32;

    private ScenarioRunner(RunPlan plan, Action<ScenarioMachine>? attach = null)
    {
        _plan = plan;
        _attach = attach;
    }

    /// <summary>Plans and runs <paramref name="scenario"/>; a scenario that does not plan ends in <c>error</c> with its diagnostics.</summary>
    public static ScenarioResult Run(Scenario scenario, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var planned = ScenarioPlanner.Plan(scenario, baseDirectory);
        if (planned.Plan is null && !planned.Diagnostics.Any(d => d.IsError))
        {
            return Skipped(scenario);
        }

        if (planned.Plan is not { } plan)
        {
            return Refused(scenario.Name.Value, scenario.Outcome, planned.Diagnostics);
        }

        return Run(plan);
    }

    /// <summary>
    /// The result of a scenario that was not run because its file did not read, check or plan: an <c>error</c> carrying
    /// the error diagnostics. It never passes, whatever the scenario states.
    /// </summary>
    public static ScenarioResult Refused(string name, ExpectedOutcome stated, IEnumerable<Dsl.Diagnostics.Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var messages = diagnostics.Where(d => d.IsError).Select(d => new RunMessage(d.Span, d.Id, d.Message)).ToList();
        return new ScenarioResult(name, OutcomeKind.Error, stated, false, messages, null, null, new ScenarioStats(0, 0, 0));
    }

    /// <summary>The result of a scenario that states <c>outcome: skip</c>: it is not run.</summary>
    public static ScenarioResult Skipped(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioResult(scenario.Name.Value, OutcomeKind.Skip, scenario.Outcome, true, [RuntimeCatalogue.Message(RuntimeCatalogue.Skipped, scenario.Outcome.Span, scenario.Outcome.Reason?.Value ?? "the scenario states outcome skip")], null, null, new ScenarioStats(0, 0, 0));
    }

    /// <summary>Runs <paramref name="plan"/>.</summary>
    public static ScenarioResult Run(RunPlan plan) => Run(plan, null);

    /// <summary>Runs <paramref name="plan"/> with <paramref name="attach"/> called on the machine once it is built (a tracer).</summary>
    internal static ScenarioResult Run(RunPlan plan, Action<ScenarioMachine>? attach)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var runner = new ScenarioRunner(plan, attach);
        OutcomeKind actual;
        try
        {
            actual = runner.Execute();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            runner._messages.Add(RuntimeCatalogue.Message(RuntimeCatalogue.InternalError, plan.Scenario.Span, ex.GetType().Name, ex.Message));
            actual = OutcomeKind.Error;
        }

        return runner.Result(actual);
    }

    private ScenarioResult Result(OutcomeKind actual)
    {
        var expected = _plan.Scenario.Outcome;
        var passed = actual == expected.Kind.Value;
        if (passed && actual == OutcomeKind.Gap && _gap is not null)
        {
            passed = expected.Fields.All(f => _gap.Contains(f.Value));
        }

        var instructions = _m?.Driver?.Instructions ?? 0;
        foreach (var (console, capture) in _m?.TruncatedConsoles() ?? [])
        {
            _messages.Add(RuntimeCatalogue.Message(RuntimeCatalogue.ConsoleTruncated, _plan.Scenario.Limits.ConsoleBytes?.Span ?? _plan.Scenario.Span, console, capture.Bytes.Length, capture.Dropped));
        }

        // Runs are deterministic: the instructions before a crash are traced by a second run, only if a report asks.
        _crash?.TraceWith(() => Tracing.ScenarioTrace.LastInstructions(_plan, CrashTraceLength));
        return new ScenarioResult(_plan.Scenario.Name.Value, actual, expected, passed, _messages, _gap, _crash, new ScenarioStats(instructions, instructions, _pagesSwapped), _m?.ConsoleText ?? "");
    }

    private OutcomeKind Execute()
    {
        _m = ScenarioMachine.Build(_plan.Machine, _plan.BaseDirectory, _plan.Scenario);
        _attach?.Invoke(_m);
        _pm = NewPm();
        foreach (var step in _plan.Steps)
        {
            var stop = false;
            switch (step)
            {
                case LoadPlan load:
                    Load(load);
                    break;
                case UnloadPlan unload:
                    Unload(unload);
                    break;
                case JumpPlan jump:
                    stop = Jump(jump);
                    break;
                case PlannedFault fault:
                    fault.Arm(this);
                    break;
                case ExpectPlan expect:
                    foreach (var check in expect.Checks)
                    {
                        check.Evaluate(this);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"planned step {step.GetType().Name} has no executor");
            }

            if (stop)
            {
                break;
            }
        }

        if (_terminal is { } terminal)
        {
            return terminal;
        }

        if (_failed)
        {
            return OutcomeKind.Fail;
        }

        return _gap is { IsEmpty: false } ? OutcomeKind.Gap : OutcomeKind.Pass;
    }

    private void Fail(RunMessage message)
    {
        _messages.Add(message);
        _failed = true;
    }

    private bool I386 => _plan.Machine.I386;

    private static string Hex(UInt128 value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    // IExpectContext

    bool IExpectContext.TryRegister(string name, out UInt128 value) => RegisterFile.TryGet(_m.Machine.Cpu, name, out value);

    bool IExpectContext.TryDeviceRegister(string device, string register, out UInt128 value)
    {
        value = 0;
        var snapshot = _m.DeviceSnapshots().FirstOrDefault(s => s.Device == device);
        var found = snapshot?.Registers.FirstOrDefault(r => r.Key == register);
        if (found is not { Key: not null } pair)
        {
            return false;
        }

        value = pair.Value;
        return true;
    }

    PhysicalMemory IExpectContext.Memory => _m.Machine.Memory;

    string IExpectContext.Console(ConsoleSource source) => source switch
    {
        ConsoleSource.Uart => _m.Devices.Uart.TransmittedText,
        ConsoleSource.DebugCon => _m.Devices.DebugCon.OutputText,
        _ => _m.ConsoleText,
    };

    KimageLayout? IExpectContext.NormalImage => _m.Kernel.NormalImage;

    (StateCapture Before, StateCapture After)? IExpectContext.LastJump => _before is { } b && _after is { } a ? (b, a) : null;

    IReadOnlyList<PhysicalRange> IExpectContext.KexecOwnedMemory(StateCapture before)
    {
        var excluded = new List<PhysicalRange>();
        if (before.Layout is { } layout)
        {
            var kexecPages = layout.Pages.Where(p => p.Source != p.Destination).Select(p => p.Source)
                .Concat(layout.IndirectionPages).Concat(layout.ControlPages).Concat(layout.PreparePages)
                .Concat(layout.ParkedPages).Concat(layout.UnusablePages);
            if (layout.SwapPage is { } swap)
            {
                kexecPages = kexecPages.Append(swap);
            }

            excluded.AddRange(kexecPages.Select(p => new PhysicalRange(p, KernelConstants.PageSize)));
        }

        var env = _m.Environment;
        excluded.AddRange(env.ScratchRanges);
        if (before.StackPointer > env.StackBottom && before.StackPointer <= env.StackTop)
        {
            excluded.Add(new PhysicalRange(env.StackBottom, before.StackPointer - env.StackBottom));
        }

        return excluded;
    }

    void IExpectContext.Fail(RunMessage message) => Fail(message);

    void IExpectContext.ReportGap(Gap gap) => _gap = gap;

    IReadOnlyList<DeviceSnapshot> IExpectContext.Devices => _m.DeviceSnapshots();

    // IFaultTarget

    KernelModel IFaultTarget.Kernel => _m.Kernel;

    PhysicalMemory IFaultTarget.Memory => _m.Machine.Memory;

    MachineDevices IFaultTarget.Devices => _m.Devices;

    ProgrammableDevice IFaultTarget.Programmable(string name) => _m.ProgrammableNamed(name);

    void IFaultTarget.FailDevice(int device, string callback, int errno) => _pm.FailDevice(device, callback, errno);

    void IFaultTarget.FailStep(string step, int errno) => _pm.FailStep(step, errno);

    void IFaultTarget.HoldLockDuring(string call) => _heldLockFor = call;

    void IFaultTarget.OnReturn(Action loss) => _loseDeviceState += loss;

    void IFaultTarget.RaiseIrq(int line)
    {
        // The device holds its request until A's driver services it; a programmable device on that line is the requester.
        _faultLines.Add(line);
        if (_m.Programmable.FirstOrDefault(d => _m.DeclaredIrq(d.Name) == (ulong)line) is { } requester)
        {
            requester.RaiseIrq();
        }
        else
        {
            _m.Devices.Pic.SetIrq(line, true);
        }
    }

    void IFaultTarget.ArmAt(FaultPoint point, Action<X86Cpu> action, bool nmi) => ArmAt(point, action, nmi);
}
