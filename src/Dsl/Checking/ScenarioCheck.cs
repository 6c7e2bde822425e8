using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Checking;

/// <summary>One run of <see cref="ScenarioChecker"/> over one scenario.</summary>
internal sealed partial class ScenarioCheck
{
    private readonly Scenario _scenario;
    private readonly DiagnosticBag _diagnostics;
    private readonly Arch _arch;
    private readonly Dictionary<string, DeviceSpec> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageSpec> _images = new(StringComparer.Ordinal);

    public ScenarioCheck(Scenario scenario, DiagnosticBag diagnostics)
    {
        _scenario = scenario;
        _diagnostics = diagnostics;
        _arch = scenario.EffectiveArch;
    }

    private static string ArchName(Arch arch) => arch == Arch.X86_64 ? "x86_64" : "i386";

    public void Run()
    {
        if (_scenario.Name.Value.Length == 0)
        {
            _diagnostics.Report(DiagnosticCatalogue.EmptyName, _scenario.Name.Span, "the scenario");
        }

        Devices();
        MemoryMap();
        Kernel();
        State();
        MemoryInits();
        Images();
        if (_scenario.Relocate is { } relocate)
        {
            ImageReference(relocate.Image);
        }

        Steps();
        Outcome();
        Coverage();
    }

    private void Devices()
    {
        foreach (var device in _scenario.Machine.Devices)
        {
            if (_devices.TryGetValue(device.Name.Value, out var first))
            {
                _diagnostics.Report(DiagnosticCatalogue.DuplicateDevice, device.Name.Span, device.Name.Value, first.Name.Span.Line);
            }
            else
            {
                _devices[device.Name.Value] = device;
            }

            var type = DeviceTypes.Find(device.Type.Value);
            if (type is null)
            {
                _diagnostics.ReportWithHint(
                    DiagnosticCatalogue.UnknownDeviceType, device.Type.Span, Suggestions.DidYouMean(device.Type.Value, DeviceTypes.All.Keys), device.Type.Value);
            }

            if (device.Irq is { } irq && irq.Value > 15)
            {
                _diagnostics.Report(DiagnosticCatalogue.InvalidIrq, irq.Span, irq.Value);
            }

            foreach (var ports in device.Ports)
            {
                if (ports.First.Value + ports.Count.Value > 0x10000)
                {
                    _diagnostics.Report(DiagnosticCatalogue.PortRangeTooLarge, ports.Span, ports.First.Value, ports.Count.Value);
                }
            }

            var seen = new Dictionary<string, RegisterAssignment>(StringComparer.OrdinalIgnoreCase);
            foreach (var register in device.Registers)
            {
                if (!seen.TryAdd(register.Name.Value, register))
                {
                    _diagnostics.Report(DiagnosticCatalogue.DuplicateRegister, register.Name.Span, register.Name.Value, seen[register.Name.Value].Name.Span.Line);
                }
                else if (type is { Registers.Count: > 0 } && !type.Registers.Contains(register.Name.Value.ToLowerInvariant()))
                {
                    _diagnostics.ReportWithHint(
                        DiagnosticCatalogue.UnknownDeviceRegister,
                        register.Name.Span,
                        Suggestions.DidYouMean(register.Name.Value, type.Registers),
                        device.Name.Value,
                        type.Name,
                        register.Name.Value);
                }
            }
        }
    }

    private void Kernel()
    {
        if (_scenario.Kernel.LsmError is { } lsm && (!Errno.TryGet(lsm.Value, out var number) || number == 0))
        {
            _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownErrno, lsm.Span, Suggestions.DidYouMean(lsm.Value, Errno.Names.Keys), lsm.Value);
        }

        if (_scenario.Kernel.CrashKernel is { } crash)
        {
            WithinMemory("the crashkernel reservation", crash.Span, crash.Start.Value, crash.Size.Value);
        }
    }

    private void State()
    {
        var seen = new Dictionary<string, RegisterAssignment>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in _scenario.State.Registers)
        {
            if (!seen.TryAdd(assignment.Name.Value, assignment))
            {
                _diagnostics.Report(DiagnosticCatalogue.DuplicateRegister, assignment.Name.Span, assignment.Name.Value, seen[assignment.Name.Value].Name.Span.Line);
                continue;
            }

            if (CpuRegister(assignment.Name) is { } info)
            {
                FitsRegister(info, assignment.Name.Value, assignment.Value);
            }
        }
    }

    private void Images()
    {
        foreach (var image in _scenario.Images)
        {
            if (image.Name.Value.Length == 0)
            {
                _diagnostics.Report(DiagnosticCatalogue.EmptyName, image.Name.Span, "an image");
            }

            if (_images.TryGetValue(image.Name.Value, out var first))
            {
                _diagnostics.Report(DiagnosticCatalogue.DuplicateImage, image.Name.Span, image.Name.Value, first.Name.Span.Line);
            }
            else
            {
                _images[image.Name.Value] = image;
            }

            if ((image.Segments.Count > 0) == (image.Elf is not null))
            {
                _diagnostics.Report(DiagnosticCatalogue.ImageContentShape, image.Name.Span, image.Name.Value);
            }

            if (image.Entry is { Value.Symbol: { } label } entry && image.Elf is null && !image.Segments.Any(s => s.Content is AsmContent))
            {
                _diagnostics.Report(DiagnosticCatalogue.LabelWithoutAssembly, entry.Span, label, image.Name.Value);
            }

            foreach (var segment in image.Segments)
            {
                if (segment.Content is FillContent fill && fill.Size.Value > 1ul << 32)
                {
                    _diagnostics.Report(DiagnosticCatalogue.ContentTooLarge, fill.Size.Span, fill.Size.Value);
                }
            }
        }
    }

    private void ImageReference(Located<string> name)
    {
        if (!_images.ContainsKey(name.Value))
        {
            _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownImage, name.Span, Suggestions.DidYouMean(name.Value, _images.Keys), name.Value);
        }
    }

    private void DeviceReference(Located<string> name)
    {
        if (!_devices.ContainsKey(name.Value))
        {
            _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownDevice, name.Span, Suggestions.DidYouMean(name.Value, _devices.Keys), name.Value);
        }
    }

    private void Outcome()
    {
        if (_scenario.EraOutcomes.Count > 0 && _scenario.Era is { } era)
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.EraWithEraOutcomes,
                era.Span,
                "the table's eras are the ones the scenario runs on; drop the era, or state one outcome",
                Words.Of(Words.Eras, era.Value));
        }

        Outcome(_scenario.Outcome);
        foreach (var row in _scenario.EraOutcomes)
        {
            Outcome(row.Outcome);
        }
    }

    private void Outcome(ExpectedOutcome outcome)
    {
        if (outcome.Kind.Value == OutcomeKind.Skip && (outcome.Reason is not { } reason || string.IsNullOrWhiteSpace(reason.Value)))
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.SkipWithoutReason,
                outcome.Reason?.Span ?? outcome.Kind.Span,
                Spelled("write `outcome: { kind: skip, reason: \"...\" }`", "write `outcome skip reason \"...\"`"));
        }
        else if (outcome.Kind.Value != OutcomeKind.Skip && outcome.Reason is { } stray)
        {
            _diagnostics.Report(DiagnosticCatalogue.ReasonWithoutSkip, stray.Span, Words.Of(Words.Outcomes, outcome.Kind.Value));
        }

        foreach (var field in outcome.Fields)
        {
            var text = field.Value;
            var known = Enum.GetNames<StateClass>().Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase))
                || (text.StartsWith("memory:", StringComparison.Ordinal) && Values.NumberSyntax.TryParse(text[7..], out _, out _))
                || Registers.Find(text) is { } info && info.ExistsOn(_arch)
                || IsDeviceRegister(text);
            if (!known)
            {
                var candidates = Registers.Names.Where(n => Registers.Find(n)!.ExistsOn(_arch)).Concat(["cpu", "fpu", "memory", "devices"]);
                _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownOutcomeField, field.Span, Suggestions.DidYouMean(text, candidates), text);
            }
        }
    }
}
