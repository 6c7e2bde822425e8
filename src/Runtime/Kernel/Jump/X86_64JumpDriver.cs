using KjTest.Runtime.Kernel.Paging;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Kernel A's <c>machine_kexec()</c> on x86-64 (reference 5.1): save_processor_state in C, then guest code in A's text
/// (kernel_fpu_begin, DR7 cleared, load_segments, the call of relocate_kernel in the control page, image->start stored,
/// restore_processor_state), run on the emulator until it comes back, faults, resets, exits or runs out of budget.
/// Guest system calls made meanwhile are served by kernel B (<see cref="PeerKernel"/>).
/// </summary>
public sealed class X86_64JumpDriver : IJumpDriver
{
    private readonly X86Machine _machine;
    private readonly X86_64KernelEnvironment _env;
    private readonly KernelModel _kernel;
    private readonly Action<byte[]> _console;
    private int _round;
    private IReadOnlyList<PhysicalRange> _currentWindow = [];
    private readonly PointHooks _points = new();

    /// <summary>Creates A's machine_kexec over <paramref name="kernel"/> and installs its prepare hook.</summary>
    public X86_64JumpDriver(X86Machine machine, X86_64KernelEnvironment env, KernelModel kernel, JumpSettings settings, Action<byte[]> console)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(kernel);
        _machine = machine;
        _env = env;
        _kernel = kernel;
        _console = console;
        Settings = settings;
        Arch = new X86_64KexecArch(machine.Memory, kernel.Config, settings, X86_64KernelEnvironment.Va, X86_64KernelEnvironment.Va(env.SavedContext + SavedContextLayout.GdtDescriptor));
        Arch.SetMemoryRox = va => SetMemoryRox(machine, env, kernel, va);
        kernel.MachineKexecPrepare = Arch.Prepare;
        machine.Cpu.SyscallHook = OnSyscall;
    }

    /// <summary>Era, bug and limits.</summary>
    public JumpSettings Settings { get; }

    /// <summary>A's architecture part of kexec.</summary>
    public X86_64KexecArch Arch { get; }

    /// <summary>Kernel B, once an image made a system call.</summary>
    public PeerKernel? Peer { get; private set; }

    /// <summary>How the last machine_kexec ended.</summary>
    public JumpEnd? LastEnd { get; private set; }

    /// <summary>Instructions the guest retired during jumps.</summary>
    public ulong Instructions { get; private set; }

    /// <summary>The machine_kexec delegate for <see cref="KernelModel.Reboot"/>.</summary>
    public MachineKexecResult MachineKexec(KimageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var cpu = _machine.Cpu;
        var mem = _machine.Memory;
        _currentWindow = [.. layout.DestinationRanges];
        if (layout.PreserveContext)
        {
            _env.SaveProcessorState(cpu);
        }

        var pageList = _env.SavedContext + SavedContextLayout.PageList;
        var (rsi, rcx, relocateVa) = Arch.PrepareCall(layout, pageList, X86_64KernelEnvironment.Va(pageList));
        var text = _env.WriteText(_machine, Settings.Era, relocateVa);
        mem.WriteUInt64(_env.SavedContext + SavedContextLayout.DoneTarget, _env.DoneVas[_round++ % 2]);
        var interrupts = (cpu.Rflags & Cr.FlagIf) != 0;
        cpu.Rflags &= ~Cr.FlagIf;
        cpu.SetGpr(7, layout.Head);
        cpu.SetGpr(6, rsi);
        cpu.SetGpr(2, layout.Start);
        cpu.SetGpr(1, rcx);
        cpu.SetGpr(8, 0);
        cpu.Rip = text;

        var codePage = Arch.CodePage(layout.ControlPages[0]);
        var routine = Arch.RoutineOf(layout);
        ulong? PointAddress(TransitionPoint point) => point switch
        {
            TransitionPoint.MachineKexec => _env.RelocateCallVa,
            TransitionPoint.RelocateOutbound => PointHooks.FirstDirectCall(routine.Code, routine.DataOffset, 64) is { } call ? codePage + (ulong)call : null,
            TransitionPoint.Callee => layout.Start,
            TransitionPoint.RelocateReturn => Settings.UserRelocate is null ? codePage + (ulong)routine.JumpBackOffset : null,
            _ => null,
        };

        _points.Place(cpu, PointAddress);
        CodePlaced?.Invoke(new PlacedCode(layout, codePage, routine, PointAddress));
        var placed = _points.Placed;
        var end = Run(layout);
        _points.Finish();
        if (placed)
        {
            cpu.ClearSentinels();
            foreach (var sentinel in _env.DoneVas.Concat(Enumerable.Range(0, 256).Select(_env.HandlerVa)).Concat(Peer?.Sentinels ?? []))
            {
                cpu.AddSentinel(sentinel);
            }
        }

        LastEnd = end;
        if (end.Kind != JumpEndKind.Returned)
        {
            return MachineKexecResult.Gone;
        }

        if (interrupts)
        {
            cpu.Rflags |= Cr.FlagIf;
        }

        return MachineKexecResult.Back(mem.ReadUInt64(_env.SavedContext + SavedContextLayout.ImageStart));
    }

    /// <inheritdoc />
    public void At(TransitionPoint point, Action<X86Cpu> action) => _points.Arm(point, action);

    /// <inheritdoc />
    public void ClearPoints() => _points.Clear();

    /// <inheritdoc />
    public Action<PlacedCode>? CodePlaced { get; set; }

    private const int DebugVectorCount = Relocate.X86_64Relocate.DebugVectors;

    private JumpEnd Run(KimageLayout layout)
    {
        var cpu = _machine.Cpu;
        var budget = Settings.Budget;
        var host = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = Settings.EffectiveHostDeadline - host.Elapsed;
            var outcome = cpu.Run(new ExecutionLimits(budget, left > TimeSpan.Zero ? left : TimeSpan.Zero));
            Instructions += outcome.Instructions;
            budget -= Math.Min(budget, outcome.Instructions);
            switch (outcome.Reason)
            {
                case StopReason.Sentinel when _env.DoneVas.Contains(outcome.Rip):
                    return new JumpEnd(JumpEndKind.Returned, "relocate_kernel returned and restore_processor_state completed", outcome.Rip);
                case StopReason.Sentinel when Peer is { } peer && peer.OnSentinel(outcome.Rip):
                    continue;
                case StopReason.Sentinel when _points.OnSentinel(cpu, outcome.Rip):
                    continue;
                case StopReason.Sentinel when _env.VectorAt(outcome.Rip) is { } vector:
                    return new JumpEnd(
                        JumpEndKind.Exception,
                        $"exception {VectorName(vector)} (vector {vector}) delivered to A's IDT handler, error code or frame at rsp=0x{cpu.GetGpr(4):x}",
                        outcome.Rip,
                        vector);
                case StopReason.Sentinel:
                    return new JumpEnd(JumpEndKind.Exception, $"execution reached the unexpected sentinel 0x{outcome.Rip:x}", outcome.Rip);
                case StopReason.TripleFault:
                    return new JumpEnd(JumpEndKind.TripleFault, "triple fault: " + string.Join(" -> ", outcome.Faults), outcome.Rip);
                case StopReason.Halted when DebugVector(layout, cpu, outcome.Rip) is { } debug:
                    return new JumpEnd(
                        JumpEndKind.Exception,
                        $"exception {VectorName(debug)} (vector {debug}) caught by the debug IDT of the control page, which printed the registers on the serial port and halts",
                        outcome.Rip,
                        debug);
                case StopReason.Halted when !layout.PreserveContext:
                    return new JumpEnd(JumpEndKind.NoReturn, $"plain kexec: the image ran and halted at rip=0x{outcome.Rip:x}", outcome.Rip);
                case StopReason.Halted:
                    return new JumpEnd(JumpEndKind.Timeout, $"hang: hlt with interrupts off at rip=0x{outcome.Rip:x}", outcome.Rip);
                case StopReason.GuestExit:
                    return new JumpEnd(JumpEndKind.Exit, $"the guest ended the machine with exit code {outcome.ExitCode}", outcome.Rip, ExitCode: outcome.ExitCode);
                case StopReason.InstructionLimit:
                    return new JumpEnd(JumpEndKind.Timeout, Settings.LimitReached("rip", outcome.Rip), outcome.Rip);
                case StopReason.Deadline:
                    return new JumpEnd(JumpEndKind.HostDeadline, Settings.HostDeadlinePassed(Settings.Budget - budget), outcome.Rip);
                default:
                    return new JumpEnd(JumpEndKind.Timeout, $"{outcome.Reason} at rip=0x{outcome.Rip:x}", outcome.Rip);
            }
        }
    }

    /// <summary>The vector CUR's exception handler halted for: it stops with the vector number on top of the stack.</summary>
    private int? DebugVector(KimageLayout layout, X86Cpu cpu, ulong rip)
    {
        var routine = Arch.RoutineOf(layout);
        if (routine.DebugHaltOffset < 0)
        {
            return null;
        }

        var halt = Arch.CodePage(layout.ControlPages[0]) + (ulong)routine.DebugHaltOffset;
        Span<byte> vector = stackalloc byte[8];
        return rip >= halt && rip < halt + 3 && cpu.TryReadLinear(cpu.GetGpr(4), vector) && vector[0] < DebugVectorCount
            ? vector[0]
            : null;
    }

    private bool OnSyscall(X86Cpu cpu)
    {
        Peer ??= new PeerKernel(cpu, _kernel.Config, _currentWindow, Settings, _console);
        return Peer.OnSyscall(cpu);
    }

    private static void SetMemoryRox(X86Machine machine, X86_64KernelEnvironment env, KernelModel kernel, ulong virtualAddress)
    {
        // Its result is ignored, as machine_kexec_prepare ignores set_memory_rox's.
        X86_64KernelMap.SetReadOnlyExec(machine.Memory, env.Pml4, virtualAddress, () => kernel.Allocator.Allocate(0));

        // flush_tlb_all: toggling CR4.PGE drops global entries too.
        var cpu = machine.Cpu;
        cpu.Cr4 ^= Cr.Cr4Pge;
        cpu.Cr4 ^= Cr.Cr4Pge;
    }

    private static string VectorName(int vector) => new FaultRecord(vector, null, 0, null).Name;
}
