using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Scenarios;

/// <summary>The load, unload, jump and fault steps.</summary>
public sealed partial class ScenarioRunner
{
    private bool Load(LoadStep step)
    {
        var image = _scenario.Images.FirstOrDefault(i => i.Name.Value == step.Image.Value);
        if (image is null)
        {
            return Error(step.Image.Span, $"image '{step.Image.Value}' is not defined");
        }

        var (segments, entry, error) = ImageResolver.Resolve(_scenario, image, _baseDirectory, _labels);
        if (error is not null || segments is null)
        {
            return Error(image.Span, error ?? "image could not be resolved");
        }

        if (step.Entry is { } e)
        {
            entry = e.Value.Symbol is null ? e.Value.Number : entry;
        }

        ulong flags = 0;
        foreach (var term in step.Flags)
        {
            flags |= term.Value.Name is { } name ? FlagValue(name) : term.Value.Number;
        }

        HoldLockFor("load");
        var result = _kernel.KexecLoad(entry, segments, flags);
        ReleaseLockHeldFor("load");
        CompareErrno(step.Expect, result.ReturnValue, $"kexec_load returned {result}");
        return false;
    }

    private static ulong FlagValue(string name)
    {
        var key = name.ToUpperInvariant();
        key = key.StartsWith("KEXEC_", StringComparison.Ordinal) ? key[6..] : key;
        return Dsl.Vocabulary.KexecFlags.Names.TryGetValue(key, out var value)
            ? value
            : throw new ArgumentException($"unknown kexec flag {name}");
    }

    private bool Unload(UnloadStep step)
    {
        var result = _kernel.KexecLoad(0, [], step.Crash.Value ? KexecFlags.OnCrash : 0);
        CompareErrno(step.Expect, result.ReturnValue, $"kexec_load (unload) returned {result}");
        return false;
    }

    private void CompareErrno(Located<string> expect, long returnValue, string what)
    {
        if (!Dsl.Vocabulary.Errno.TryGet(expect.Value, out var errno))
        {
            Fail(expect.Span, $"expected '{expect.Value}' cannot be the result of this call; {what}");
            return;
        }

        if (returnValue != -errno)
        {
            Fail(expect.Span, $"expected {expect.Value}, but {what}");
        }
    }

    // The system state that decides whether A could have resumed. GPRs, RIP and RFLAGS always differ at a crash (it
    // happens mid-restore or in a handler) and are noise; the faulting RIPs are in the fault chain of the message.
    private static readonly string[] CrashFieldNames =
    [
        "gdtr.base", "gdtr.limit", "idtr.base", "idtr.limit", "tr", "ldtr",
        "cs", "ss", "ds", "es", "fs", "gs", "cr0", "cr3", "cr4", "msr.efer",
    ];

    private bool Jump(JumpStep step)
    {
        var layout = _kernel.NormalImage;
        _before = Capture(layout);
        HoldLockFor("jump");
        _jumpSpan = step.Span;
        _pointEnd = null;
        var result = _kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, _pm, _pm, _driver.MachineKexec);
        ReleaseLockHeldFor("jump");

        // Faults and lost device state apply to the next jump only.
        _pm = NewPm();
        _driver.ClearPoints();
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

        var end = _pointEnd ?? _driver.LastEnd;
        var expect = step.Expect.Value.ToLowerInvariant();
        if (result.Outcome == KernelKexecOutcome.Returned)
        {
            _after = Capture(layout);
            if (end is not null && end.Kind != JumpEndKind.Returned)
            {
                _messages.Add((step.Span, end.Message));
            }

            CompareErrno(step.Expect, result.ReturnValue, $"reboot(LINUX_REBOOT_CMD_KEXEC) returned {KernelErrno.DescribeReturn(result.ReturnValue)}");
            return false;
        }

        var kind = end?.Kind;
        if (kind is JumpEndKind.TripleFault or JumpEndKind.Exception)
        {
            _crash = CrashStateVs(_before, kind.Value);
        }

        var message = end?.Message ?? $"reboot did not return ({result.Outcome})";
        if (kind == JumpEndKind.NoReturn && expect == "ok")
        {
            // A plain kexec never returns by design; later steps may still read what the image left (its console).
            _messages.Add((step.Span, message));
            return false;
        }

        var matches = (expect, kind) switch
        {
            ("triple_fault", JumpEndKind.TripleFault) => true,
            ("crash", JumpEndKind.Exception or JumpEndKind.TripleFault) => true,
            ("timeout", JumpEndKind.Timeout) => true,
            _ => false,
        };
        _messages.Add((step.Span, $"A never got control back: {message}"));
        if (matches)
        {
            return true;
        }

        _terminal = kind switch
        {
            JumpEndKind.Exception or JumpEndKind.TripleFault => OutcomeKind.Crash,
            JumpEndKind.Timeout => OutcomeKind.Timeout,
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

    private bool Fault(FaultStep step)
    {
        switch (step.Kind.Value)
        {
            case "relocate_bug":
                return false;
            case "neighbour_page":
                if (_kernel.NormalImage?.SwapPage is not { } swap)
                {
                    return Error(step.Span, "neighbour_page needs a loaded image with a swap page");
                }

                if (!ulong.TryParse(Text(step, "value")?.Replace("_", "", StringComparison.Ordinal).Replace("0x", "", StringComparison.OrdinalIgnoreCase), System.Globalization.NumberStyles.HexNumber, null, out var value))
                {
                    return Error(step.Span, "neighbour_page: value must be a number");
                }

                _machine.Memory.WriteUInt64(swap + KernelConstants.PageSize, value);
                return false;
            case "kernel_step_failure":
                var stepName = Text(step, "step") ?? "";
                if (stepName is not ("freeze_processes" or "disable_secondary_cpus" or "syscore_suspend"))
                {
                    return Error(step.Span, $"{stepName} fails only when a device callback fails; use fault device_pm_failure with the device and its phase");
                }

                _pm.FailStep(stepName, ErrnoParameter(step, KernelErrno.EBUSY));
                return false;
            case "device_pm_failure":
                var deviceName = Text(step, "device");
                var index = _scenario.Machine.Devices.Select((d, i) => (d, i)).FirstOrDefault(p => p.d.Name.Value == deviceName).i;
                if (deviceName is null || _scenario.Machine.Devices.All(d => d.Name.Value != deviceName))
                {
                    return Error(step.Span, $"device_pm_failure: device '{deviceName}' is not declared");
                }

                _pm.FailDevice(index, Text(step, "phase") ?? "", ErrnoParameter(step, 5));
                return false;
            case "nmi":
                return ArmAt(step, cpu => cpu.InjectNmi(), nmi: true);
            case "clobber":
                var register = Text(step, "register") ?? "";
                if (!RegisterFile.TryGet(_machine.Cpu, register, out _) || ParseNumber(Text(step, "value")) is not { } clobbered)
                {
                    return Error(step.Span, $"clobber: register '{register}' does not exist on this machine or value '{Text(step, "value")}' is not a number");
                }

                return ArmAt(step, cpu => RegisterFile.TrySet(cpu, register, clobbered));
            case "device_state_lost":
                return DeviceStateLost(step);
            case "dma":
                return Dma(step);
            case "irq":
                if (ParseNumber(Text(step, "irq")) is not { } line || line > 15)
                {
                    return Error(step.Span, $"irq: line must be 0-15, not '{Text(step, "irq")}'");
                }

                // The device holds its request until A's driver services it; a programmable device on that line is the requester.
                var requester = _programmable.FirstOrDefault(d => DeclaredIrq(d.Name) == line);
                return ArmAt(step, _ =>
                {
                    _faultLines.Add((int)line);
                    if (requester is not null)
                    {
                        requester.RaiseIrq();
                    }
                    else
                    {
                        _devices.Pic.SetIrq((int)line, true);
                    }
                });
            case "alloc_failure":
                return ArmAllocationFailure(_kernel, step) is { } allocError && Error(step.Span, allocError);
            case "lock_held":
                _heldLockFor = Text(step, "during") ?? "load";
                return false;
            default:
                return Error(step.Kind.Span, $"fault kind {step.Kind.Value} is not implemented yet");
        }
    }

    /// <summary>
    /// A device that comes back from the next jump (when it returns) reset: a whole standard device, or a programmable
    /// device's registers, all of them or the <c>registers</c> listed.
    /// </summary>
    private bool DeviceStateLost(FaultStep step)
    {
        var name = Text(step, "device");
        var type = _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == name)?.Type.Value.ToLowerInvariant();
        var subset = step.Parameters.FirstOrDefault(p => p.Name.Value == "registers")?.Value;
        var names = subset switch
        {
            null => null,
            ListValue list => list.Items.Select(i => i is ScalarValue s ? s.Text.ToLowerInvariant() : "").ToList(),
            ScalarValue one => [one.Text.ToLowerInvariant()],
            _ => [],
        };
        if (Programmable(name) is { } programmable)
        {
            var declared = programmable.Snapshot().Registers.Select(r => r.Key).Where(k => k != ProgrammableDeviceLayout.LineRegister).ToHashSet(StringComparer.Ordinal);
            if (names?.FirstOrDefault(n => !declared.Contains(n)) is { } unknown)
            {
                return Error(step.Span, $"device_state_lost: '{name}' has no register '{unknown}' (it declares {string.Join(", ", declared)})");
            }

            _loseDeviceState += names is null ? programmable.LoseState : () => programmable.LoseState(names);
            return false;
        }

        IDevice? standard = type switch
        {
            "uart16550" => _devices.Uart,
            "pic8259" => _devices.Pic,
            "debugcon" => _devices.DebugCon,
            _ => null,
        };
        if (standard is null)
        {
            return Error(step.Span, $"device_state_lost for '{name}' ({type}): the device keeps no state to lose");
        }

        if (names is null)
        {
            _loseDeviceState += standard.Reset;
            return false;
        }

        // The names are checked now, so a bad list is reported at its step rather than after the jump.
        var losable = standard switch
        {
            Uart16550 => Uart16550.ResettableRegisters,
            Pic8259Pair => Pic8259Pair.ResettableRegisters,
            _ => [],
        };
        if (names.FirstOrDefault(n => !losable.Contains(n, StringComparer.Ordinal)) is { } other)
        {
            return Error(step.Span, losable.Count == 0
                ? $"device_state_lost: '{name}' has no registers to lose one by one; leave out registers to lose the whole device"
                : $"device_state_lost: '{name}' cannot lose register '{other}' on its own (it can lose {string.Join(", ", losable)})");
        }

        _loseDeviceState += standard switch
        {
            Uart16550 uart => () => uart.ResetRegisters(names),
            Pic8259Pair pic => () => pic.ResetRegisters(names),
            _ => standard.Reset,
        };
        return false;
    }

    /// <summary>
    /// A device's DMA write into RAM at a point of the next jump: the bytes go straight into physical memory, as a bus
    /// master's would, bypassing the CPU.
    /// </summary>
    private bool Dma(FaultStep step)
    {
        var device = Text(step, "device");
        if (_scenario.Machine.Devices.All(d => d.Name.Value != device))
        {
            return Error(step.Span, $"dma: device '{device}' is not declared");
        }

        var address = ParseNumber(Text(step, "address"));
        var hex = string.Concat((Text(step, "bytes") ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (address is not { } at || hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return Error(step.Span, "dma: address must be a number and bytes hexadecimal byte pairs");
        }

        var bytes = Convert.FromHexString(hex);
        if (at + (ulong)bytes.Length < at || at + (ulong)bytes.Length > _machine.Memory.Size)
        {
            return Error(step.Span, $"dma: 0x{at:x} + {bytes.Length} bytes is outside RAM");
        }

        if (Programmable(device) is not { } master)
        {
            return Error(step.Span, $"dma: device '{device}' is not a bus master; DMA comes from a programmable device");
        }

        return ArmAt(step, _ => master.DmaWrite(at, bytes));
    }

    /// <summary>Arms the kernel's allocation failure policy from an <c>alloc_failure</c> step; an error text when its parameters are unusable.</summary>
    private static string? ArmAllocationFailure(KernelModel kernel, FaultStep step)
    {
        KernelAllocation? kind = Text(step, "what") switch
        {
            "kimage" => KernelAllocation.Kimage,
            "control" => KernelAllocation.Control,
            "swap" => KernelAllocation.Swap,
            "indirection" => KernelAllocation.Indirection,
            "source" => KernelAllocation.Source,
            _ => null,
        };
        if (kind is null)
        {
            return $"alloc_failure: what must be kimage, control, swap, indirection or source, not '{Text(step, "what")}'";
        }

        var afterText = Text(step, "after");
        if (ParseNumber(afterText ?? "0") is not { } after)
        {
            return $"alloc_failure: after must be a number, not '{afterText}'";
        }

        kernel.AllocationFailures.Arm(kind.Value, after);
        return null;
    }

    private static ulong? ParseNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = text.Replace("_", "", StringComparison.Ordinal);
        return t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var h) ? h : null
            : ulong.TryParse(t, out var d) ? d : null;
    }

    private static int ErrnoParameter(FaultStep step, int fallback) =>
        Text(step, "errno") is { } name && Dsl.Vocabulary.Errno.TryGet(name, out var errno) ? errno : fallback;

    private void HoldLockFor(string call)
    {
        if (_heldLockFor == call)
        {
            _kernel.HoldKexecLock();
        }
    }

    private void ReleaseLockHeldFor(string call)
    {
        if (_heldLockFor == call)
        {
            _kernel.ReleaseKexecLock();
            _heldLockFor = null;
        }
    }
}
