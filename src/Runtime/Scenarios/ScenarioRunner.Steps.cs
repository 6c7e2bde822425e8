using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios;

/// <summary>The load, unload and jump steps.</summary>
public sealed partial class ScenarioRunner
{
    // The system state that decides whether A could have resumed. GPRs, RIP and RFLAGS always differ at a crash (it
    // happens mid-restore or in a handler) and are noise; the faulting RIPs are in the fault chain of the message.
    private static readonly string[] CrashFieldNames =
    [
        "gdtr.base", "gdtr.limit", "idtr.base", "idtr.limit", "tr", "ldtr",
        "cs", "ss", "ds", "es", "fs", "gs", "cr0", "cr3", "cr4", "msr.efer",
    ];

    private void Load(LoadPlan step)
    {
        HoldLockFor("load");
        var result = _m.Kernel.KexecLoad(step.Entry, step.Segments, step.Flags);
        ReleaseLockHeldFor("load");
        CompareResult(step.Expect, step.ExpectSpan, result.ReturnValue, $"kexec_load returned {result}");
    }

    private void Unload(UnloadPlan step)
    {
        var result = _m.Kernel.KexecLoad(0, [], step.Crash ? KexecFlags.OnCrash : 0);
        CompareResult(step.Expect, step.ExpectSpan, result.ReturnValue, $"kexec_load (unload) returned {result}");
    }

    private void CompareResult(ExpectedResult expect, SourceSpan span, long returnValue, string what)
    {
        if (returnValue != -expect.Errno)
        {
            Fail(RuntimeCatalogue.Message(RuntimeCatalogue.ResultDiffers, span, expect, what));
        }
    }

    private bool Jump(JumpPlan step)
    {
        var layout = _m.Kernel.NormalImage;
        _before = Capture(layout);
        HoldLockFor("jump");
        _jumpSpan = step.Span;
        _pointEnd = null;
        var result = _m.Kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, _pm, _pm, _m.Driver.MachineKexec);
        ReleaseLockHeldFor("jump");

        // Faults and lost device state apply to the next jump only.
        _pm = NewPm();
        _m.Driver.ClearPoints();
        _nmiPending = false;
        if (result.Outcome == KernelKexecOutcome.Returned)
        {
            _loseDeviceState?.Invoke();
        }

        _loseDeviceState = null;
        if (layout is not null && result.Trace.Count > 0)
        {
            var swapped = (ulong)layout.Pages.Count(p => p.Source != p.Destination);
            _pagesSwapped += swapped * (result.Outcome == KernelKexecOutcome.Returned ? 2UL : 1UL);
        }

        var end = _pointEnd ?? _m.Driver.LastEnd;
        if (result.Outcome == KernelKexecOutcome.Returned)
        {
            _after = Capture(layout);

            if (step.Ending == JumpEnding.Returns)
            {
                CompareResult(step.Expect, step.ExpectSpan, result.ReturnValue, $"reboot(LINUX_REBOOT_CMD_KEXEC) returned {Errno.DescribeReturn(result.ReturnValue)}");
            }
            else
            {
                Fail(RuntimeCatalogue.Message(RuntimeCatalogue.ResultDiffers, step.ExpectSpan, step.ExpectedText, $"reboot(LINUX_REBOOT_CMD_KEXEC) returned {Errno.DescribeReturn(result.ReturnValue)}"));
            }

            return false;
        }

        var kind = end?.Kind;
        if (kind is JumpEndKind.TripleFault or JumpEndKind.Exception)
        {
            _crash = CrashStateVs(_before, kind.Value);
        }

        var message = end?.Message ?? $"reboot did not return ({result.Outcome})";
        if (kind == JumpEndKind.NoReturn && step.Ending == JumpEnding.Returns && step.Expect.Errno == 0)
        {
            // A plain kexec never returns by design; later steps may still read what the image left (its console).
            _messages.Add(RuntimeCatalogue.Message(RuntimeCatalogue.PlainKexecEnded, step.Span, message));
            return false;
        }

        var matches = (step.Ending, kind) switch
        {
            (JumpEnding.TripleFault, JumpEndKind.TripleFault) => true,
            (JumpEnding.Crash, JumpEndKind.Exception or JumpEndKind.TripleFault) => true,
            (JumpEnding.Timeout, JumpEndKind.Timeout) => true,
            _ => false,
        };
        _messages.Add(RuntimeCatalogue.Message(RuntimeCatalogue.NeverReturned, step.Span, message));
        if (matches)
        {
            return true;
        }

        _terminal = kind switch
        {
            JumpEndKind.Exception or JumpEndKind.TripleFault => OutcomeKind.Crash,
            JumpEndKind.Timeout => OutcomeKind.Timeout,
            JumpEndKind.HostDeadline => OutcomeKind.Error,
            _ => OutcomeKind.Fail,
        };
        return true;
    }

    /// <summary>The CPU keeps its registers when it stops on a triple fault or in an exception handler: compare them with A's.</summary>
    private CrashState CrashStateVs(StateCapture before, JumpEndKind kind)
    {
        var now = CaptureRegisters();
        var fields = new List<GapField>();
        foreach (var name in CrashFieldNames)
        {
            if (before.Registers.TryGetValue(name, out var was) && now.TryGetValue(name, out var at) && was != at)
            {
                fields.Add(new GapField(name, Hex(was), Hex(at)));
            }
        }

        return new CrashState(kind, fields);
    }

    private StateCapture Capture(KimageLayout? layout)
    {
        var cpu = _m.Machine.Cpu;
        var rsp = _m.Environment.PhysicalOf(I386 ? cpu.GetGpr(4) & 0xFFFF_FFFF : cpu.GetGpr(4));
        return new StateCapture(CaptureRegisters(), _m.Machine.Memory.Snapshot(), _m.DeviceSnapshots(), layout, rsp);
    }

    private SortedDictionary<string, UInt128> CaptureRegisters()
    {
        var cpu = _m.Machine.Cpu;
        var registers = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
        foreach (var name in Dsl.Vocabulary.Registers.Names)
        {
            var info = Dsl.Vocabulary.Registers.Find(name);
            if (info is not null && (I386 ? info.OnI386 : info.OnX86_64) && RegisterFile.TryGet(cpu, name, out var value))
            {
                registers[name] = value;
            }
        }

        return registers;
    }

    private void HoldLockFor(string call)
    {
        if (_heldLockFor == call)
        {
            _m.Kernel.HoldKexecLock();
        }
    }

    private void ReleaseLockHeldFor(string call)
    {
        if (_heldLockFor == call)
        {
            _m.Kernel.ReleaseKexecLock();
            _heldLockFor = null;
        }
    }
}
