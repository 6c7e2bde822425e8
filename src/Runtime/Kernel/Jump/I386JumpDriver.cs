using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Kernel A's i386 <c>machine_kexec()</c> (K27): the relocate routine copied into the control page on every call,
/// page_list written, save_processor_state in C, then guest code (load_segments with the far jump to __KERNEL_CS, IDT
/// and GDT invalidated, relocate_kernel called with its five stack arguments, restore_processor_state) run until it
/// returns, faults, resets or runs out of budget. The page directory passed as PA_PGD is A's own, whose low RAM is also
/// mapped at its physical address, standing for the kexec page directory that maps the control page twice.
/// Guest system calls (<c>int $0x80</c>) made meanwhile are served by kernel B (<see cref="I386PeerKernel"/>).
/// </summary>
public sealed class I386JumpDriver : IJumpDriver
{
    private readonly X86Machine _machine;
    private readonly I386KernelEnvironment _env;
    private readonly JumpSettings _settings;
    private readonly KernelConfig? _config;
    private readonly Action<byte[]> _console;
    private readonly PointHooks _points = new();
    private int _round;
    private IReadOnlyList<PhysicalRange> _currentWindow = [];

    /// <summary>Creates A's i386 machine_kexec; guest system calls are not served (INT 0x80 goes through the IDT).</summary>
    public I386JumpDriver(X86Machine machine, I386KernelEnvironment env, JumpSettings settings)
    {
        _machine = machine;
        _env = env;
        _settings = settings;
        _console = _ => { };
    }

    /// <summary>Creates A's i386 machine_kexec for <paramref name="kernel"/>, with kernel B serving guest system calls.</summary>
    public I386JumpDriver(X86Machine machine, I386KernelEnvironment env, KernelModel kernel, JumpSettings settings, Action<byte[]> console)
        : this(machine, env, settings)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(kernel);
        _config = kernel.Config;
        _console = console;
        machine.Cpu.InterruptHook = OnInterrupt;
    }

    /// <summary>Kernel B, once an image made a system call.</summary>
    public I386PeerKernel? Peer { get; private set; }

    /// <inheritdoc />
    public JumpEnd? LastEnd { get; private set; }

    /// <inheritdoc />
    public ulong Instructions { get; private set; }

    /// <inheritdoc />
    public MachineKexecResult MachineKexec(KimageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var cpu = _machine.Cpu;
        var mem = _machine.Memory;
        _currentWindow = [.. layout.DestinationRanges];
        var controlPage = layout.ControlPages[0];
        var routine = _settings.UserRelocate is { } user ? UserRoutine(user(controlPage)) : I386Relocate.Build(_settings.Bug);
        mem.Write(controlPage, routine.Code);
        var pageList = _env.SavedContext + SavedContextLayout.PageList;
        mem.WriteUInt32(pageList, (uint)controlPage);
        mem.WriteUInt32(pageList + 4, (uint)I386KernelEnvironment.Va(controlPage));
        mem.WriteUInt32(pageList + 8, (uint)_env.PageDirectory);
        mem.WriteUInt32(pageList + 12, (uint)(layout.SwapPage ?? 0));
        _env.SaveProcessorState(cpu, layout);
        var text = _env.WriteText(_machine, I386KernelEnvironment.Va(controlPage), I386KernelEnvironment.Va(pageList));
        mem.WriteUInt32(_env.SavedContext + SavedContextLayout.DoneTarget, (uint)_env.DoneVas[_round++ % 2]);
        var interrupts = (cpu.Rflags & Cr.FlagIf) != 0;
        cpu.Rflags &= ~Cr.FlagIf;
        cpu.Rip = text;
        ulong? PointAddress(TransitionPoint point) => point switch
        {
            TransitionPoint.MachineKexec => _env.RelocateCallVa,
            TransitionPoint.RelocateOutbound => PointHooks.FirstDirectCall(routine.Code, routine.DataOffset, 32) is { } call ? controlPage + (ulong)call : null,
            TransitionPoint.Callee => layout.Start,
            TransitionPoint.RelocateReturn => _settings.UserRelocate is null ? controlPage + (ulong)routine.JumpBackOffset : null,
            _ => null,
        };

        _points.Place(cpu, PointAddress);
        CodePlaced?.Invoke(new PlacedCode(layout, controlPage, routine, PointAddress));
        var placed = _points.Placed;
        LastEnd = Run(layout);
        _points.Finish();
        if (placed)
        {
            cpu.ClearSentinels();
            foreach (var sentinel in _env.DoneVas.Concat(Enumerable.Range(0, 256).Select(_env.HandlerVa)).Concat(Peer?.Sentinels ?? []))
            {
                cpu.AddSentinel(sentinel);
            }
        }

        if (LastEnd.Kind != JumpEndKind.Returned)
        {
            return MachineKexecResult.Gone;
        }

        if (interrupts)
        {
            cpu.Rflags |= Cr.FlagIf;
        }

        return MachineKexecResult.Back(mem.ReadUInt32(_env.SavedContext + SavedContextLayout.ImageStart));
    }

    /// <inheritdoc />
    public void At(TransitionPoint point, Action<X86Cpu> action) => _points.Arm(point, action);

    /// <inheritdoc />
    public void ClearPoints() => _points.Clear();

    /// <inheritdoc />
    public Action<PlacedCode>? CodePlaced { get; set; }

    private string Frame(X86Cpu cpu, int vector)
    {
        var esp = _env.PhysicalOf(cpu.GetGpr(4) & 0xFFFF_FFFF);
        var withError = vector is 8 or 10 or 11 or 12 or 13 or 14 or 17;
        var error = withError ? cpu.Memory.ReadUInt32(esp) : 0;
        var eip = cpu.Memory.ReadUInt32(esp + (withError ? 4UL : 0UL));
        return withError ? $"error code 0x{error:x}, eip=0x{eip:x}" : $"eip=0x{eip:x}";
    }

    private static RelocateRoutine UserRoutine(byte[] bytes)
    {
        var page = new byte[Math.Max(bytes.Length, RelocateRoutine.ControlCodeMaxSize + RelocateRoutine.DataSize)];
        bytes.CopyTo(page, 0);
        return new RelocateRoutine(page, 0, RelocateRoutine.ControlCodeMaxSize, []);
    }

    private JumpEnd Run(KimageLayout layout)
    {
        var cpu = _machine.Cpu;
        var budget = _settings.Budget;
        var host = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = _settings.EffectiveHostDeadline - host.Elapsed;
            var outcome = cpu.Run(new ExecutionLimits(budget, left > TimeSpan.Zero ? left : TimeSpan.Zero));
            Instructions += outcome.Instructions;
            budget -= Math.Min(budget, outcome.Instructions);
            if (outcome.Reason == StopReason.Sentinel
                && ((Peer is { } peer && peer.OnSentinel(outcome.Rip)) || _points.OnSentinel(cpu, outcome.Rip)))
            {
                continue;
            }

            return outcome.Reason switch
            {
                StopReason.Sentinel when _env.DoneVas.Contains(outcome.Rip) =>
                    new JumpEnd(JumpEndKind.Returned, "relocate_kernel returned and restore_processor_state completed", outcome.Rip),
                StopReason.Sentinel when _env.VectorAt(outcome.Rip) is { } vector =>
                    new JumpEnd(JumpEndKind.Exception, $"exception {new FaultRecord(vector, null, 0, null).Name} (vector {vector}) delivered to A's IDT handler; {Frame(cpu, vector)}", outcome.Rip, vector),
                StopReason.TripleFault => new JumpEnd(JumpEndKind.TripleFault, "triple fault: " + string.Join(" -> ", outcome.Faults), outcome.Rip),
                StopReason.Halted when !layout.PreserveContext => new JumpEnd(JumpEndKind.NoReturn, $"plain kexec: the image ran and halted at eip=0x{outcome.Rip:x}", outcome.Rip),
                StopReason.Halted => new JumpEnd(JumpEndKind.Timeout, $"hang: hlt with interrupts off at eip=0x{outcome.Rip:x}", outcome.Rip),
                StopReason.GuestExit => new JumpEnd(JumpEndKind.Exit, $"the guest ended the machine with exit code {outcome.ExitCode}", outcome.Rip, ExitCode: outcome.ExitCode),
                StopReason.InstructionLimit => new JumpEnd(JumpEndKind.Timeout, _settings.LimitReached("eip", outcome.Rip), outcome.Rip),
                StopReason.Deadline => new JumpEnd(JumpEndKind.HostDeadline, _settings.HostDeadlinePassed(_settings.Budget - budget), outcome.Rip),
                _ => new JumpEnd(JumpEndKind.Timeout, $"{outcome.Reason} at eip=0x{outcome.Rip:x}", outcome.Rip),
            };
        }
    }

    private bool OnInterrupt(X86Cpu cpu, byte vector)
    {
        if (vector != 0x80 || _config is null)
        {
            return false;
        }

        Peer ??= new I386PeerKernel(cpu, _config, _currentWindow, _console);
        return Peer.OnInterrupt(cpu, vector);
    }
}
