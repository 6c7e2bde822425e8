using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// What a fault kind's planner sees of one fault step: its parameters (already checked for shape by the checker,
/// read here into typed values exactly once), the era, the machine and the layout the earlier steps built.
/// </summary>
internal sealed class FaultPlanning
{
    private readonly DiagnosticBag _diagnostics;

    public FaultPlanning(FaultStep step, PlanState state, DiagnosticBag diagnostics)
    {
        Step = step;
        State = state;
        _diagnostics = diagnostics;
    }

    /// <summary>The fault step as written.</summary>
    public FaultStep Step { get; }

    /// <summary>The plan so far.</summary>
    public PlanState State { get; }

    /// <summary>The era's traits.</summary>
    public EraTraits Era => State.Era;

    /// <summary>The parameter <paramref name="name"/>'s scalar value, or null when it is not given.</summary>
    public ScalarValue? Scalar(string name) => Step.Parameters.FirstOrDefault(p => p.Name.Value == name)?.Value as ScalarValue;

    /// <summary>The parameter's text, or null.</summary>
    public string? Text(string name) => Scalar(name)?.Text;

    /// <summary>Where the parameter's value was written, or the step when it was not.</summary>
    public SourceSpan SpanOf(string name) => Scalar(name)?.Span ?? Step.Span;

    /// <summary>The parameter read by the number syntax of the README (decimal, 0x, 0b, 0o), or <paramref name="fallback"/> when absent.</summary>
    public ulong Number(string name, ulong? fallback = null)
    {
        if (Text(name) is not { } text)
        {
            return fallback ?? throw Unchecked(name);
        }

        return NumberSyntax.TryParse(text, out var value, out _) && value <= ulong.MaxValue ? (ulong)value : throw Unchecked(name);
    }

    /// <summary>The <c>errno</c> parameter's number, or <paramref name="fallback"/>.</summary>
    public int Errno(int fallback) =>
        Text("errno") is not { } name ? fallback : Abi.Errno.TryGet(name, out var errno) ? errno : throw Unchecked("errno");

    /// <summary>The list parameter's names in lower case, or null when it is not given.</summary>
    public IReadOnlyList<string>? Names(string name) => Step.Parameters.FirstOrDefault(p => p.Name.Value == name)?.Value switch
    {
        null => null,
        ListValue list => [.. list.Items.Select(i => i is ScalarValue s ? s.Text.ToLowerInvariant() : throw Unchecked(name))],
        ScalarValue one => [one.Text.ToLowerInvariant()],
        _ => throw Unchecked(name),
    };

    /// <summary>The declared device the <c>device</c> parameter names, with its index in declaration order.</summary>
    public (DeviceSpec Spec, int Index) Device()
    {
        var name = Text("device");
        var index = State.Scenario.Machine.Devices.ToList().FindIndex(d => d.Name.Value == name);
        return index >= 0 ? (State.Scenario.Machine.Devices[index], index) : throw Unchecked("device");
    }

    /// <summary>
    /// The <c>at</c> point, or null (after a diagnostic) when the era's kernel_kexec never reaches it or it lies in a
    /// user-supplied relocate routine whose layout KjTest does not know.
    /// </summary>
    public FaultPoint? Point()
    {
        var name = Text("at") ?? throw Unchecked("at");
        var point = FaultPoints.Parse(name) ?? throw Unchecked("at");
        if (Era.MissingPoints.TryGetValue(name, out var why))
        {
            Error(PlanCatalogue.PointMissing, SpanOf("at"), Step.Kind.Value, name, why);
            return null;
        }

        if (State.UserRelocate && point is FaultPoint.RelocateOutbound or FaultPoint.RelocateReturn)
        {
            Error(PlanCatalogue.PointUnknownInUserRoutine, SpanOf("at"), Step.Kind.Value, name);
            return null;
        }

        return point;
    }

    /// <summary>Reports a diagnostic of the plan.</summary>
    public void Error(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) => _diagnostics.Report(descriptor, span, args);

    /// <summary>Whether the scenario runs on i386.</summary>
    public bool I386 => State.Arch == KernelArch.I386;

    // The checker validated every parameter's shape; a value it let through that does not read is KjTest's bug.
    private InvalidOperationException Unchecked(string name) =>
        new($"fault {Step.Kind.Value}: parameter '{name}' reached the planner unchecked");
}
