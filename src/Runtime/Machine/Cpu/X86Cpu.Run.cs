using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    private const ulong ChunkSize = 4096;
    private readonly List<FaultRecord> _faultChain = [];
    private StopReason? _stop;
    private int? _exitCode;
    private bool _stopOnException;
    private bool _checkEvents;
    private bool _interruptShadow;
    private bool _nmiPending;
    private bool _nmiBlocked;
    private bool _halted;
    private ulong _sentinelPassed = ulong.MaxValue;
    internal ulong IpMask = ulong.MaxValue;

    /// <summary>True while the CPU waits in HLT for an interrupt; clear it to resume at <see cref="Rip"/> without one.</summary>
    public bool Halted
    {
        get => _halted;
        set
        {
            _halted = value;
            RecomputeEvents();
        }
    }

    /// <summary>Per-instruction trace sink; null (the default) costs one branch per chunk of instructions.</summary>
    public TextWriter? Trace { get; set; }

    /// <summary>Per-instruction observer (a tracer); null (the default) costs nothing more than <see cref="Trace"/>'s test.</summary>
    public IInstructionObserver? Observer { get; set; }

    /// <summary>
    /// Called for SYSCALL before architectural handling; returns true when it handled the call
    /// (execution continues after the instruction). It may call <see cref="RequestStop"/>.
    /// </summary>
    public Func<X86Cpu, bool>? SyscallHook { get; set; }

    /// <summary>
    /// Called for INT n (with the vector) before delivery through the IDT; returns true when it handled
    /// the interrupt (execution continues after the instruction). It may call <see cref="RequestStop"/>.
    /// </summary>
    public Func<X86Cpu, byte, bool>? InterruptHook { get; set; }

    /// <summary>Called when HLT executes; returns true to continue as if an interrupt had woken the CPU at once.</summary>
    public Func<X86Cpu, bool>? HaltHook { get; set; }

    /// <summary>Ends the current run after the current instruction with <see cref="StopReason.GuestExit"/>.</summary>
    public void RequestStop(int exitCode)
    {
        _stop = StopReason.GuestExit;
        _exitCode = exitCode;
        _checkEvents = true;
    }

    /// <summary>Raises a non-maskable interrupt, taken at the next instruction boundary unless an NMI handler is running.</summary>
    public void InjectNmi()
    {
        _nmiPending = true;
        _checkEvents = true;
    }

    /// <summary>Executes exactly one instruction (or delivers one pending event) and reports what happened.</summary>
    public RunOutcome Step() => Run(new ExecutionLimits(1));

    /// <summary>Executes up to <paramref name="count"/> instructions.</summary>
    public RunOutcome Step(ulong count) => Run(new ExecutionLimits(count));

    /// <summary>
    /// Runs until the guest halts or exits, a sentinel is reached, a triple fault resets the machine,
    /// or a limit is hit. Guest misbehaviour is reported in the outcome, never thrown.
    /// </summary>
    public RunOutcome Run(ExecutionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var start = Retired;
        _stop = null;
        _exitCode = null;
        _faultChain.Clear();
        _stopOnException = limits.StopOnException;
        RecomputeEvents();
        var deadline = limits.WallClock is { } wall && wall.TotalSeconds < 1e7 ? Stopwatch.GetTimestamp() + (long)(wall.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        while (true)
        {
            var done = Retired - start;
            if (done >= limits.MaxInstructions)
            {
                return Outcome(StopReason.InstructionLimit, start);
            }

            var end = Retired + Math.Min(limits.MaxInstructions - done, ChunkSize);
            if (Trace is null && Observer is null)
            {
                RunChunk(end);
            }
            else
            {
                RunChunkTraced(end);
            }

            if (_stop is { } reason)
            {
                return Outcome(reason, start);
            }

            if (limits.Cancellation.IsCancellationRequested)
            {
                return Outcome(StopReason.Cancelled, start);
            }

            if (deadline != long.MaxValue && Stopwatch.GetTimestamp() > deadline)
            {
                return Outcome(StopReason.Deadline, start);
            }
        }
    }

    private RunOutcome Outcome(StopReason reason, ulong start) =>
        new(reason, RipValue, Retired - start, [.. _faultChain], reason == StopReason.GuestExit ? _exitCode : null);

    internal ulong Retired;

    /// <summary>The retired count the running chunk stops at: a repeated string instruction does no more iterations than this allows.</summary>
    internal ulong BudgetEnd = ulong.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void RunChunk(ulong end)
    {
        BudgetEnd = end;
        while (true)
        {
            try
            {
                if (_checkEvents && CheckEvents())
                {
                    return;
                }

                // RIP lives in a local so that finding the next slot does not wait for the handler's store of NextRip:
                // the fall-through address comes from the slot, and a taken branch is a (predicted) jump, not a data dependency.
                var rip = RipValue;
                while (Retired < end)
                {
                    var linear = Bitness == 64 ? rip : (uint)(Seg[1].Base + rip);
                    ref var slot = ref _decodeCache[(int)linear & _decodeMask];
                    if (slot.Tag == linear && slot.Key == _modeKey)
                    {
                        var next = slot.NextRip;
                        NextRip = next;
                        slot.Run(this, ref slot);
                        var actual = NextRip;
                        if (actual != next)
                        {
                            next = actual;
                        }

                        rip = next & IpMask;
                        RipValue = rip;
                        Retired++;
                    }
                    else
                    {
                        ExecuteMiss(linear);
                        rip = RipValue;
                    }

                    if (_checkEvents)
                    {
                        if (CheckEvents())
                        {
                            return;
                        }

                        rip = RipValue;
                    }
                }

                return;
            }
            catch (CpuFault fault)
            {
                if (!HandleFault(fault))
                {
                    return;
                }
            }
        }
    }

    private void RunChunkTraced(ulong end)
    {
        BudgetEnd = end;
        var tracer = Trace is null ? null : new InstructionTracer(this, Trace);
        var observer = Observer;
        while (true)
        {
            try
            {
                if (_checkEvents && CheckEvents())
                {
                    return;
                }

                while (Retired < end)
                {
                    // A stop at a sentinel executes nothing: only a retired instruction is reported.
                    var retired = Retired;
                    tracer?.Before();
                    observer?.Before(this);
                    ExecuteOne();
                    if (Retired != retired)
                    {
                        tracer?.After();
                        observer?.After(this);
                    }

                    if (_checkEvents && CheckEvents())
                    {
                        return;
                    }
                }

                return;
            }
            catch (CpuFault fault)
            {
                tracer?.Fault(fault);
                observer?.Faulted(this, new FaultRecord(fault.Vector, fault.ErrorCode, RipValue, fault.Detail));
                if (!HandleFault(fault))
                {
                    return;
                }
            }
        }
    }

    /// <summary>One instruction for the traced loop (the untraced loop keeps RIP in a local instead).</summary>
    private void ExecuteOne()
    {
        var linear = CurrentLinearRip;
        ref var slot = ref _decodeCache[(int)linear & _decodeMask];
        if (slot.Tag != linear || slot.Key != _modeKey)
        {
            ExecuteMiss(linear);
            return;
        }

        Execute(ref slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExecuteMiss(ulong linear)
    {
        ref var slot = ref DecodeMiss(linear);
        if (slot.Sentinel && SentinelStops(linear))
        {
            return;
        }

        Execute(ref slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Execute(ref DecodedInstruction slot)
    {
        NextRip = slot.NextRip;
        slot.Run(this, ref slot);
        RipValue = NextRip & IpMask;
        Retired++;
    }

    private bool SentinelStops(ulong linear)
    {
        if (_sentinelPassed == linear)
        {
            _sentinelPassed = ulong.MaxValue;
            return false;
        }

        _sentinelPassed = linear;
        _stop = StopReason.Sentinel;
        _checkEvents = true;
        return true;
    }

    /// <summary>Handles everything between instructions; true when the run must stop.</summary>
    private bool CheckEvents()
    {
        if (_stop is not null)
        {
            return true;
        }

        if (_interruptShadow)
        {
            _interruptShadow = false;
            RecomputeEvents();
            return false;
        }

        if (_nmiPending && !_nmiBlocked)
        {
            _nmiPending = false;
            _nmiBlocked = true;
            _halted = false;
            RecomputeEvents();
            DeliverEvent(CpuFault.NMI, null, true);
            return _stop is not null;
        }

        if ((FlagsRaw & Cr.FlagIf) != 0 && InterruptController is { HasPendingInterrupt: true } pic)
        {
            var vector = pic.Acknowledge();
            _halted = false;
            DeliverEvent(vector, null, true);
            return _stop is not null;
        }

        if (_halted)
        {
            _stop = StopReason.Halted;
            return true;
        }

        return false;
    }

    internal void RecomputeEvents() =>
        _checkEvents = _stop is not null || _interruptShadow || _halted || (_nmiPending && !_nmiBlocked)
            || ((FlagsRaw & Cr.FlagIf) != 0 && InterruptController is not null);

    private void UpdateInterruptArming() => RecomputeEvents();

    internal void SetInterruptShadow()
    {
        _interruptShadow = true;
        _checkEvents = true;
    }

    internal void EnterHalt()
    {
        _halted = true;
        _checkEvents = true;
    }

    internal void UnblockNmi()
    {
        if (_nmiBlocked)
        {
            _nmiBlocked = false;
            RecomputeEvents();
        }
    }

    private void ResetEvents()
    {
        _interruptShadow = false;
        _nmiPending = false;
        _nmiBlocked = false;
        _halted = false;
        _stop = null;
        RecomputeEvents();
    }

    /// <summary>Delivers a fault from the interpreter; false when the run must stop.</summary>
    private bool HandleFault(CpuFault fault)
    {
        _faultChain.Add(Describe(fault));
        if (_stopOnException)
        {
            _stop = StopReason.Exception;
            return false;
        }

        DeliverEvent(fault.Vector, fault.ErrorCode, false);
        return _stop is null;
    }

    private FaultRecord Describe(CpuFault fault)
    {
        var detail = fault.Detail;
        if (fault.Vector == CpuFault.UD)
        {
            detail = detail is null ? DescribeCurrentInstruction() : $"{DescribeCurrentInstruction()}: {detail}";
        }

        return new FaultRecord(fault.Vector, fault.ErrorCode, RipValue, detail);
    }

    private static bool IsContributory(int vector) => vector is 0 or 10 or 11 or 12 or 13;

    /// <summary>Delivers an exception or interrupt, escalating to #DF and to a triple fault as the hardware does.</summary>
    private void DeliverEvent(int vector, uint? errorCode, bool external)
    {
        var depth = 0;
        while (true)
        {
            try
            {
                DeliverInterrupt(vector, errorCode, false, RipValue, external);
                _faultChain.Clear();
                return;
            }
            catch (CpuFault second)
            {
                _faultChain.Add(Describe(second));
                if (vector == CpuFault.DF || ++depth > 8)
                {
                    _stop = StopReason.TripleFault;
                    _checkEvents = true;
                    return;
                }

                var doubleFault = (IsContributory(vector) && IsContributory(second.Vector))
                    || (vector == CpuFault.PF && (IsContributory(second.Vector) || second.Vector == CpuFault.PF));
                vector = doubleFault ? CpuFault.DF : second.Vector;
                errorCode = doubleFault ? 0 : second.ErrorCode;
                if (doubleFault)
                {
                    _faultChain.Add(new FaultRecord(CpuFault.DF, 0, RipValue, null));
                }
            }
        }
    }
}
