using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// <c>device_state_lost</c>: a device comes back from the next jump (when it returns) reset, whole or the
/// <see cref="Registers"/> listed.
/// </summary>
/// <param name="Span">The fault step.</param>
/// <param name="Device">The device's name.</param>
/// <param name="Type">The device's type.</param>
/// <param name="Registers">The registers lost, or null for the whole device.</param>
public sealed record DeviceStateLostFault(SourceSpan Span, string Device, string Type, IReadOnlyList<string>? Registers) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "device_state_lost";

    /// <inheritdoc />
    public override string Describe() => $"fault device_state_lost device={Device}" + (Registers is null ? "" : $" registers=[{string.Join(", ", Registers)}]");

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var (spec, _) = p.Device();
        var name = spec.Name.Value;
        var type = spec.Type.Value.ToLowerInvariant();
        var names = p.Names("registers");
        if (type == "programmable")
        {
            var declared = spec.Registers.Select(r => r.Name.Value.ToLowerInvariant()).ToList();
            if (names?.FirstOrDefault(n => !declared.Contains(n)) is { } unknown)
            {
                p.Error(PlanCatalogue.StateNotLosable, p.Step.Span, name, $"it has no register '{unknown}' (it declares {string.Join(", ", declared)})");
                return null;
            }

            return new DeviceStateLostFault(p.Step.Span, name, type, names);
        }

        if (type is not ("uart16550" or "pic8259" or "debugcon"))
        {
            p.Error(PlanCatalogue.StateNotLosable, p.Step.Span, name, $"the {type} device keeps no state to lose");
            return null;
        }

        if (names is not null)
        {
            var losable = type switch
            {
                "uart16550" => Uart16550.ResettableRegisters,
                "pic8259" => Pic8259Pair.ResettableRegisters,
                _ => [],
            };
            if (names.FirstOrDefault(n => !losable.Contains(n, StringComparer.Ordinal)) is { } other)
            {
                p.Error(PlanCatalogue.StateNotLosable, p.Step.Span, name, losable.Count == 0
                    ? "it has no registers to lose one by one; leave out registers to lose the whole device"
                    : $"it cannot lose register '{other}' on its own (it can lose {string.Join(", ", losable)})");
                return null;
            }
        }

        return new DeviceStateLostFault(p.Step.Span, name, type, names);
    }

    internal override void Arm(IFaultTarget target)
    {
        var names = Registers;
        Action loss = Type switch
        {
            "programmable" when names is null => target.Programmable(Device).LoseState,
            "programmable" => () => target.Programmable(Device).LoseState(names),
            "uart16550" when names is not null => () => target.Devices.Uart.ResetRegisters(names),
            "uart16550" => target.Devices.Uart.Reset,
            "pic8259" when names is not null => () => target.Devices.Pic.ResetRegisters(names),
            "pic8259" => target.Devices.Pic.Reset,
            _ => target.Devices.DebugCon.Reset,
        };
        target.OnReturn(loss);
    }
}
