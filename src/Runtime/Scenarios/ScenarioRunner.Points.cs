using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Scenarios.Faults;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// Faults at the transition points of reference section 9: armed in the jump driver where the point lies in guest code,
/// in the PM model where it lies in kernel_kexec's C code; and what the CPU does at a C point (interrupts taken
/// through A's IDT, A's handlers).
/// </summary>
public sealed partial class ScenarioRunner
{
    private const int NmiVector = 2;
    private const int MaxEventsPerPoint = 16;

    private readonly HashSet<int> _faultLines = [];
    private bool _nmiPending;
    private JumpEnd? _pointEnd;
    private SourceSpan _jumpSpan;

    /// <summary>
    /// Arms <paramref name="action"/> at <paramref name="point"/> of the next jump: in the jump driver for the points in
    /// guest code, in the PM model for the points of kernel_kexec.
    /// </summary>
    private void ArmAt(FaultPoint point, Action<X86Cpu> action, bool nmi)
    {
        if (FaultPoints.GuestPoint(point) is { } guest)
        {
            _m.Driver.At(guest, action);
            return;
        }

        _pm.At(FaultPoints.NameOf(point), () =>
        {
            action(_m.Machine.Cpu);
            _nmiPending |= nmi;
        });
    }

    private ScenarioPm NewPm() => new(_plan.Machine.Devices.Count, TakeEvents, on =>
    {
        var cpu = _m.Machine.Cpu;
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
        var cpu = _m.Machine.Cpu;
        var env = (KernelEnvironment)_m.Environment;
        for (var taken = 0; taken < MaxEventsPerPoint; taken++)
        {
            var irq = (cpu.Rflags & Cr.FlagIf) != 0 && _m.Devices.Pic.HasPendingInterrupt;
            if (!_nmiPending && !irq)
            {
                return true;
            }

            var nmi = _nmiPending;
            _nmiPending = false;
            var resumeAt = cpu.Rip;
            var outcome = cpu.Run(new Machine.Cpu.ExecutionLimits(1));
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
                    if (_m.Programmable.FirstOrDefault(d => _m.DeclaredIrq(d.Name) == (ulong)line) is { } requester)
                    {
                        requester.LowerIrq();
                    }
                    else
                    {
                        _m.Devices.Pic.SetIrq(line, false);
                    }
                }

                if (line >= 8)
                {
                    _m.Devices.Pic.Out(0xA0, 1, 0x20);
                }

                _m.Devices.Pic.Out(0x20, 1, 0x20);
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
            cpu.Run(new Machine.Cpu.ExecutionLimits(1));
            if (cpu.Rip != handler + 1)
            {
                _pointEnd = Crash(outcome, vector, point);
                return false;
            }

            cpu.Halted = false;
            cpu.Rip = env.HandlerReturnVa(vector.Value);
            var back = cpu.Run(new Machine.Cpu.ExecutionLimits(1));
            if (back.Reason != StopReason.InstructionLimit || cpu.Rip != resumeAt)
            {
                _pointEnd = Crash(back, back.Reason == StopReason.Sentinel ? env.VectorAt(back.Rip) : null, point);
                return false;
            }

            _messages.Add(RuntimeCatalogue.Message(RuntimeCatalogue.EventTaken, _jumpSpan, point, handled));
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
        var pic = _m.Devices.Pic;
        return vector - pic.Master.VectorBase is >= 0 and < 8 and var m ? m
            : vector - pic.Slave.VectorBase is >= 0 and < 8 and var s ? 8 + s
            : null;
    }
}
