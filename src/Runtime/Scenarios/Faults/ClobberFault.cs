using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary><c>clobber</c>: a CPU register is overwritten at a point of the next jump.</summary>
/// <param name="Span">The fault step.</param>
/// <param name="Register">The register's vocabulary name.</param>
/// <param name="Value">The value written.</param>
/// <param name="At">The point.</param>
public sealed record ClobberFault(SourceSpan Span, string Register, ulong Value, FaultPoint At) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "clobber";

    /// <inheritdoc />
    public override string Describe() => $"fault clobber register={Register} value=0x{Value:x} at={FaultPoints.NameOf(At)}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var register = (p.Text("register") ?? "").ToLowerInvariant();
        var value = p.Number("value");
        var at = p.Point();
        if (!p.State.CpuHas(register))
        {
            p.Error(PlanCatalogue.NoSuchRegister, p.SpanOf("register"), register);
            return null;
        }

        return at is { } point ? new ClobberFault(p.Step.Span, register, value, point) : null;
    }

    internal override void Arm(IFaultTarget target) => target.ArmAt(At, cpu => RegisterFile.TrySet(cpu, Register, Value));
}
