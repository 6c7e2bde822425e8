using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// Faults at the transition points of reference section 9: armed in the jump driver where the point lies in guest code,
/// in the PM model where it lies in kernel_kexec's C code; and what the CPU does at a C point (interrupts taken
/// through A's IDT, A's handlers).
/// </summary>
public sealed partial class ScenarioRunner
{
    // Linux programs the 8259A pair with these vector bases (ISA_IRQ_VECTOR(0) on x86-64, FIRST_EXTERNAL_VECTOR on i386).
    private const byte X86_64PicBase = 0x30;
    private const byte I386PicBase = 0x20;
    private const int NmiVector = 2;
    private const int MaxEventsPerPoint = 16;

    private static readonly Dictionary<string, TransitionPoint> GuestPoints = new(StringComparer.Ordinal)
    {
        ["machine_kexec"] = TransitionPoint.MachineKexec,
        ["relocate_outbound"] = TransitionPoint.RelocateOutbound,
        ["callee"] = TransitionPoint.Callee,
        ["relocate_return"] = TransitionPoint.RelocateReturn,
    };

    private readonly HashSet<int> _faultLines = [];
    private bool _nmiPending;
    private JumpEnd? _pointEnd;
    private SourceSpan _jumpSpan;

    /// <summary>
    /// Arms <paramref name="action"/> at the step's <c>at</c> point of the next jump: in the jump driver for the points in
    /// guest code, in the PM model for the points of kernel_kexec. True (after an error message) when it cannot be armed.
    /// </summary>
    private bool ArmAt(FaultStep step, Action<X86Cpu> action, bool nmi = false)
    {
        var point = Text(step, "at") ?? "";
        if (GuestPoints.TryGetValue(point, out var guest))
        {
            if (_scenario.Relocate is not null && guest is TransitionPoint.RelocateOutbound or TransitionPoint.RelocateReturn)
            {
                return Error(step.Span, $"{step.Kind.Value} at {point} needs the era's relocate routine: the places of swap_pages and of the jump-back entry in a user-supplied routine are not known");
            }

            _driver.At(guest, action);
            return false;
        }

        if (!Dsl.Vocabulary.PmPhases.Points.Contains(point))
        {
            return Error(step.Span, $"{step.Kind.Value}: '{point}' is not a transition point");
        }

        if (_scenario.EffectiveEra == Era.K27 && point is "freeze_late" or "restore_early")
        {
            return Error(step.Span, $"{step.Kind.Value} at {point}: kernel_kexec of era k27 has no such phase (device_power_down and device_power_up run only the noirq callbacks, reference 4.1)");
        }

        _pm.At(point, () =>
        {
            action(_machine.Cpu);
            _nmiPending |= nmi;
        });
        return false;
    }

    private ScenarioPm NewPm() => new(_scenario.Machine.Devices.Count, TakeEvents, on =>
    {
        var cpu = _machine.Cpu;
        cpu.Rflags = on ? cpu.Rflags | Cr.FlagIf : cpu.Rflags & ~Cr.FlagIf;
    });

    /// <summary>
    /// What the CPU does at a point of kernel_kexec's C code: it takes a pending NMI, and a pending unmasked IRQ when IF
    /// is set, through A's IDT as it stands then. A's NMI handler (an NMI for no known reason: logged, survived) and its
    /// IRQ handler (the device's driver services it, so the device drops its request, then EOI) return with
    /// <c>iret</c>. Anything else (another vector, a fault while delivering, a triple fault) ends the jump as a crash.
    /// False when the machine did not survive.
    /// </summary>
    private bool TakeEvents(string point)
    {
        var cpu = _machine.Cpu;
        var env = (KernelEnvironment)_env;
        for (var taken = 0; taken < MaxEventsPerPoint; taken++)
        {
            var irq = (cpu.Rflags & Cr.FlagIf) != 0 && _devices.Pic.HasPendingInterrupt;
            if (!_nmiPending && !irq)
            {
                return true;
            }

            var nmi = _nmiPending;
            _nmiPending = false;
            var resumeAt = cpu.Rip;
            var outcome = cpu.Run(new Machine.Cpu.RunLimits(1));
            var vector = outcome.Reason == StopReason.Sentinel ? env.VectorAt(outcome.Rip) : null;
            string handled;
            if (nmi && vector == NmiVector)
            {
                handled = "NMI (vector 2) taken through A's IDT; A's NMI handler found no reason for it and returned";
            }
            else if (!nmi && vector is { } v && IrqOfVector(v) is { } line)
            {
                // A device of the machine (the UART) keeps its own line; an injected request is the fault's device's.
                if (_faultLines.Remove(line))
                {
                    if (_programmable.FirstOrDefault(d => DeclaredIrq(d.Name) == (ulong)line) is { } requester)
                    {
                        requester.LowerIrq();
                    }
                    else
                    {
                        _devices.Pic.SetIrq(line, false);
                    }
                }

                if (line >= 8)
                {
                    _devices.Pic.Out(0xA0, 1, 0x20);
                }

                _devices.Pic.Out(0x20, 1, 0x20);
                handled = $"IRQ {line} (vector 0x{v:x}) taken through A's IDT; A's handler serviced the device and sent the EOI";
            }
            else
            {
                _pointEnd = Crash(outcome, vector, point);
                return false;
            }

            // The handler's stub runs as far as its hlt, so that the CPU has passed this sentinel and stops at it again
            // next time; the model then resumes it at the stub's iret.
            var handler = outcome.Rip;
            cpu.Run(new Machine.Cpu.RunLimits(1));
            if (cpu.Rip != handler + 1)
            {
                _pointEnd = Crash(outcome, vector, point);
                return false;
            }

            cpu.Halted = false;
            cpu.Rip = env.HandlerReturnVa(vector.Value);
            var back = cpu.Run(new Machine.Cpu.RunLimits(1));
            if (back.Reason != StopReason.InstructionLimit || cpu.Rip != resumeAt)
            {
                _pointEnd = Crash(back, back.Reason == StopReason.Sentinel ? env.VectorAt(back.Rip) : null, point);
                return false;
            }

            _messages.Add((_jumpSpan, $"at {point}: {handled}"));
        }

        return true;
    }

    private static JumpEnd Crash(RunOutcome outcome, int? vector, string point) => outcome.Reason switch
    {
        StopReason.TripleFault => new JumpEnd(JumpEndKind.TripleFault, $"triple fault at {point}: " + string.Join(" -> ", outcome.Faults), outcome.Rip),
        StopReason.Sentinel when vector is { } v => new JumpEnd(
            JumpEndKind.Exception,
            $"at {point}: exception {new FaultRecord(v, null, 0, null).Name} (vector {v}) delivered to A's IDT handler",
            outcome.Rip,
            v),
        _ => new JumpEnd(JumpEndKind.Exception, $"at {point}: the CPU stopped with {outcome.Reason} at 0x{outcome.Rip:x} while taking an interrupt", outcome.Rip),
    };

    /// <summary>The IRQ line whose vector the 8259A pair delivers as <paramref name="vector"/>, or null.</summary>
    private int? IrqOfVector(int vector)
    {
        var pic = _devices.Pic;
        return vector - pic.Master.VectorBase is >= 0 and < 8 and var m ? m
            : vector - pic.Slave.VectorBase is >= 0 and < 8 and var s ? 8 + s
            : null;
    }

    /// <summary>
    /// The 8259A pair as A's driver left it at boot (init_8259A): cascaded, 8086 mode, Linux's vector bases, then the
    /// masks and bases the scenario declares.
    /// </summary>
    private (SourceSpan, string)? ConfigurePic()
    {
        var declared = _scenario.Machine.Devices.FirstOrDefault(d => d.Type.Value.Equals("pic8259", StringComparison.OrdinalIgnoreCase));
        var values = new Dictionary<string, byte>(StringComparer.Ordinal)
        {
            ["master.base"] = I386 ? I386PicBase : X86_64PicBase,
            ["slave.base"] = (byte)((I386 ? I386PicBase : X86_64PicBase) + 8),
            ["master.imr"] = 0,
            ["slave.imr"] = 0,
        };
        foreach (var register in declared?.Registers ?? [])
        {
            var name = register.Name.Value.ToLowerInvariant();
            if (!values.ContainsKey(name) || register.Value.Value > 0xFF || (name.EndsWith(".base", StringComparison.Ordinal) && (register.Value.Value & 7) != 0))
            {
                return (register.Span, $"pic8259 register {register.Name.Value} cannot be set to {register.Value.Value} (master.imr, slave.imr and the 8-aligned master.base and slave.base can)");
            }

            values[name] = (byte)register.Value.Value;
        }

        var pic = _devices.Pic;
        foreach (var (command, data, cascade, prefix) in new[] { ((ushort)0x20, (ushort)0x21, (byte)0x04, "master."), ((ushort)0xA0, (ushort)0xA1, (byte)0x02, "slave.") })
        {
            pic.Out(command, 1, 0x11);
            pic.Out(data, 1, values[prefix + "base"]);
            pic.Out(data, 1, cascade);
            pic.Out(data, 1, 0x01);
            pic.Out(data, 1, values[prefix + "imr"]);
        }

        return null;
    }
}
