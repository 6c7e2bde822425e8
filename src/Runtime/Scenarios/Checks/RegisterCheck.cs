using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>A CPU or device register holds a value, under an optional mask.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Name">The register as written (<c>rax</c>, <c>nic0.ctrl</c>).</param>
/// <param name="Device">For a device register: the device's name, and <paramref name="Register"/> is its register.</param>
/// <param name="Register">The CPU register, or the device's register.</param>
/// <param name="Value">The value expected.</param>
/// <param name="Mask">The bits compared, or null for all.</param>
public sealed record RegisterCheck(SourceSpan Span, string Name, string? Device, string Register, UInt128 Value, UInt128? Mask) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "register";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        var found = Device is null ? context.TryRegister(Register, out var actual) : context.TryDeviceRegister(Device, Register, out actual);
        if (!found)
        {
            // The planner found the register; a machine without it is KjTest's own fault.
            throw new InvalidOperationException($"register {Name} vanished from the machine");
        }

        var mask = Mask ?? UInt128.MaxValue;
        if ((actual & mask) != (Value & mask))
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.RegisterDiffers, Span, Name, Hex(actual), Hex(Value), Mask is null ? "" : $" under mask {Hex(mask)}"));
        }
    }
}
