using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Checking;

internal sealed partial class ScenarioCheck
{
    private void Steps()
    {
        var normalImageLoaded = false;
        string? machineEnded = null;
        foreach (var step in _scenario.Steps)
        {
            if (machineEnded is not null)
            {
                _diagnostics.Report(DiagnosticCatalogue.StepAfterMachineEnd, step.Span, machineEnded);
                machineEnded = null;
            }

            switch (step)
            {
                case LoadStep load:
                    ImageReference(load.Image);
                    if (load.Entry is { Value.Symbol: { } label } entry && _images.TryGetValue(load.Image.Value, out var loaded)
                        && loaded.Elf is null && !loaded.Segments.Any(s => s.Content is AsmContent))
                    {
                        _diagnostics.Report(DiagnosticCatalogue.LabelWithoutAssembly, entry.Span, label, loaded.Name.Value);
                    }

                    var crash = Flags(load.Flags);
                    var ok = Result(load.Expect);
                    if (ok && !crash)
                    {
                        normalImageLoaded = true;
                    }

                    break;
                case UnloadStep unload:
                    if (Result(unload.Expect) && !unload.Crash.Value)
                    {
                        normalImageLoaded = false;
                    }

                    break;
                case JumpStep jump:
                    var outcome = jump.Expect.Value.ToLowerInvariant();
                    if (!JumpOutcomes.IsValid(jump.Expect.Value))
                    {
                        _diagnostics.ReportWithHint(
                            DiagnosticCatalogue.UnknownJumpOutcome, jump.Expect.Span, Suggestions.DidYouMean(jump.Expect.Value, JumpOutcomes.All), jump.Expect.Value);
                    }
                    else if (outcome == Errno.Ok && !normalImageLoaded)
                    {
                        _diagnostics.Report(DiagnosticCatalogue.JumpWithoutLoad, jump.Span);
                    }
                    else if (JumpOutcomes.Names.Contains(outcome))
                    {
                        machineEnded = outcome;
                    }

                    break;
                case FaultStep fault:
                    if (FaultKinds.All.TryGetValue(fault.Kind.Value, out var kind))
                    {
                        Parameters(kind, $"fault '{kind.Name}'", fault.Span, fault.Parameters);
                        DeviceDrivenStep(kind, fault.Parameters);
                        BusMaster(kind, fault.Parameters);
                    }
                    else
                    {
                        _diagnostics.ReportWithHint(
                            DiagnosticCatalogue.UnknownFaultKind, fault.Kind.Span, Suggestions.DidYouMean(fault.Kind.Value, FaultKinds.All.Keys), fault.Kind.Value);
                    }

                    break;
                case ExpectStep expect:
                    if (expect.Expectations.Count == 0)
                    {
                        _diagnostics.Report(DiagnosticCatalogue.ExpectationChecksNothing, expect.Span, "this expect step", "it holds no expectation");
                    }

                    foreach (var expectation in expect.Expectations)
                    {
                        Expectation(expectation);
                        EmptyExpectations(expectation);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The device-PM steps of kernel_kexec fail only through a device's callback: for a kexec, no wakeup event can be
    /// pending (events_check_enabled is off), so nothing else in dpm_suspend_start or dpm_suspend_end returns an error.
    /// </summary>
    private void DeviceDrivenStep(KindSpec kind, IReadOnlyList<Parameter> parameters)
    {
        if (kind.Name == "kernel_step_failure"
            && parameters.FirstOrDefault(p => p.Name.Value == "step")?.Value is ScalarValue { Text: "dpm_suspend_start" or "dpm_suspend_end" } step)
        {
            _diagnostics.Report(DiagnosticCatalogue.StepFailsThroughDevices, step.Span, step.Text);
        }
    }

    /// <summary>Only a programmable device does DMA: the machine's standard devices (UART, PIC, debug ports) are not bus masters.</summary>
    private void BusMaster(KindSpec kind, IReadOnlyList<Parameter> parameters)
    {
        if (kind.Name == "dma"
            && parameters.FirstOrDefault(p => p.Name.Value == "device")?.Value is ScalarValue device
            && _devices.TryGetValue(device.Text, out var spec)
            && !spec.Type.Value.Equals("programmable", StringComparison.OrdinalIgnoreCase))
        {
            _diagnostics.Report(DiagnosticCatalogue.NotABusMaster, device.Span, device.Text, spec.Type.Value);
        }
    }

    /// <summary>Checks flag names; true when the flags select the crash image (ON_CRASH).</summary>
    private bool Flags(IReadOnlyList<Located<FlagTerm>> flags)
    {
        ulong value = 0;
        foreach (var flag in flags)
        {
            if (flag.Value.Name is not { } name)
            {
                value |= flag.Value.Number;
            }
            else if (KexecFlags.TryGet(name, out var number))
            {
                value |= number;
            }
            else
            {
                _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownFlag, flag.Span, Suggestions.DidYouMean(name, KexecFlags.Names.Keys), name);
            }
        }

        return (value & KexecFlags.OnCrash) != 0;
    }

    /// <summary>Checks an expected syscall result; true when it is <c>ok</c>.</summary>
    private bool Result(Located<string> expect)
    {
        if (!Errno.TryGet(expect.Value, out var number))
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.UnknownErrno, expect.Span, Suggestions.DidYouMean(expect.Value, Errno.Names.Keys.Append(Errno.Ok)), expect.Value);
            return false;
        }

        return number == 0;
    }

    private void Expectation(Expectation expectation)
    {
        switch (expectation)
        {
            case RegisterExpectation register:
                if (AnyRegister(register.Register) is { } info)
                {
                    FitsRegister(info, register.Register.Value, register.Value);
                    if (register.Mask is { } mask)
                    {
                        FitsRegister(info, register.Register.Value, mask);
                    }
                }

                break;
            case PreservedExpectation preserved:
                foreach (var except in preserved.ExceptRegisters)
                {
                    AnyRegister(except, allowDeviceName: true);
                }

                foreach (var range in preserved.ExceptMemory)
                {
                    WithinMemory("excepted memory", range.Span, range.Start.Value, range.Size.Value);
                }

                foreach (var mask in preserved.Masks)
                {
                    if (AnyRegister(mask.Register) is { } maskInfo)
                    {
                        FitsRegister(maskInfo, mask.Register.Value, mask.Mask);
                    }
                }

                break;
            case MemoryExpectation memory:
                if ((memory.Bytes is null) == (memory.Hash is null) || (memory.Hash is not null && memory.Size is null))
                {
                    _diagnostics.Report(DiagnosticCatalogue.MemoryExpectationShape, memory.Span);
                }

                WithinMemory("expected memory", memory.Span, memory.Address.Value, memory.Size?.Value ?? KnownLength(memory.Bytes));
                break;
            case ConsoleExpectation console:
                if (console.Hex is { } hex)
                {
                    _diagnostics.AddRange(KjTest.Dsl.Images.HexBytes.Parse(hex.Text, hex.Map).Diagnostics);
                }

                if (console.Device is { } device)
                {
                    DeviceReference(device);
                    if (_devices.TryGetValue(device.Value, out var spec) && DeviceTypes.Find(spec.Type.Value) is { Name: not ("uart16550" or "debugcon") } type)
                    {
                        _diagnostics.Report(DiagnosticCatalogue.NotAConsoleDevice, device.Span, device.Value, type.Name);
                    }
                }

                break;
            case KimageExpectation kimage:
                Parameters(ExpectationKinds.Kimage, "the kimage expectation", kimage.Span, kimage.Parameters);
                break;
        }
    }
}
