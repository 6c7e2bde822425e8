using KjTest.Dsl.Images;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Scenarios.Checks;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>The expectations: each read into a typed check, with what it needs from the steps before it.</summary>
public sealed partial class ScenarioPlanner
{
    private static readonly Dictionary<string, KimageProperty> KimageProperties = new(StringComparer.Ordinal)
    {
        ["segments"] = KimageProperty.Segments,
        ["source_pages"] = KimageProperty.SourcePages,
        ["indirection_pages"] = KimageProperty.IndirectionPages,
        ["self_destinations"] = KimageProperty.SelfDestinations,
        ["control_page"] = KimageProperty.ControlPage,
        ["swap_page"] = KimageProperty.SwapPage,
        ["head"] = KimageProperty.Head,
        ["sources_outside_destinations"] = KimageProperty.SourcesOutsideDestinations,
    };

    private ExpectPlan PlanExpect(ExpectStep expect, PlanState state)
    {
        var checks = new List<PlannedCheck>();
        foreach (var expectation in expect.Expectations)
        {
            PlannedCheck? check = expectation switch
            {
                PreservedExpectation preserved => Preserved(preserved),
                RegisterExpectation register => Register(register, state),
                MemoryExpectation memory => Memory(memory),
                ConsoleExpectation console => Console(console),
                ImageStartExpectation start => ImageStart(start),
                KimageExpectation kimage => Kimage(kimage),
                _ => throw new InvalidOperationException($"expectation {expectation.GetType().Name} has no planner"),
            };
            if (check is not null)
            {
                checks.Add(check);
            }
        }

        return new ExpectPlan(expect.Span, checks);
    }

    private PreservedCheck? Preserved(PreservedExpectation preserved)
    {
        if (!_jumped)
        {
            _diagnostics.Report(PlanCatalogue.ExpectNeedsJump, preserved.Span, "preserved");
            return null;
        }

        var classes = preserved.Classes.Count == 0
            ? new HashSet<StateClass> { StateClass.Cpu, StateClass.Fpu, StateClass.Memory, StateClass.Devices }
            : preserved.Classes.Select(c => c.Value).ToHashSet();
        return new PreservedCheck(
            preserved.Span,
            classes,
            preserved.ExceptRegisters.Select(r => r.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            preserved.Masks.ToDictionary(m => m.Register.Value.ToLowerInvariant(), m => m.Mask.Value, StringComparer.Ordinal),
            [.. preserved.ExceptMemory.Select(r => new PhysicalRange(r.Start.Value, r.Size.Value))]);
    }

    private RegisterCheck? Register(RegisterExpectation register, PlanState state)
    {
        var name = register.Register.Value;
        var lower = name.ToLowerInvariant();
        if (Dsl.Vocabulary.Registers.Find(lower) is not null)
        {
            if (!state.CpuHas(lower))
            {
                _diagnostics.Report(PlanCatalogue.NoSuchRegister, register.Register.Span, name);
                return null;
            }

            return new RegisterCheck(register.Span, name, null, lower, register.Value.Value, register.Mask?.Value);
        }

        // A device register: the standard devices' state goes by the machine's own names (uart0, pic).
        var dot = lower.IndexOf('.', StringComparison.Ordinal);
        var device = dot < 0 ? lower : lower[..dot];
        var type = _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == device)?.Type.Value.ToLowerInvariant();
        var snapshotName = type switch { "uart16550" => "uart0", "pic8259" => "pic", _ => device };
        var snapshot = state.Preview!.DeviceSnapshots().FirstOrDefault(s => s.Device == snapshotName);
        var key = dot < 0 ? null : snapshot?.Registers.Select(r => r.Key).FirstOrDefault(k => k.Equals(lower[(dot + 1)..], StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            _diagnostics.Report(PlanCatalogue.NoSuchRegister, register.Register.Span, name);
            return null;
        }

        return new RegisterCheck(register.Span, name, snapshotName, key, register.Value.Value, register.Mask?.Value);
    }

    private PlannedCheck? Memory(MemoryExpectation memory)
    {
        var address = memory.Address.Value;
        if (memory.Bytes is { } content)
        {
            return Content(content, address) is { } bytes ? new MemoryBytesCheck(memory.Span, address, bytes) : null;
        }

        var hash = memory.Hash!.Value.Value;
        hash = hash.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? hash[7..] : hash;
        return new MemoryHashCheck(memory.Span, address, memory.Size?.Value ?? 0, hash.ToLowerInvariant());
    }

    private ConsoleCheck Console(ConsoleExpectation console)
    {
        var device = console.Device?.Value;
        var type = _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == device)?.Type.Value.ToLowerInvariant();
        var source = (device, type) switch
        {
            (null, _) => ConsoleSource.All,
            ("uart0", _) or (_, "uart16550") => ConsoleSource.Uart,
            _ => ConsoleSource.DebugCon,
        };
        return console.Hex is { } hex
            ? ConsoleCheck.OfBytes(console.Span, source, device, HexBytes.Parse(hex.Text, hex.Map).Bytes ?? [], console.Match.Value)
            : ConsoleCheck.OfText(console.Span, source, device, console.Text.Value, console.Match.Value);
    }

    private ImageStartCheck? ImageStart(ImageStartExpectation start)
    {
        if (!_normalExpected)
        {
            _diagnostics.Report(PlanCatalogue.ExpectNeedsImage, start.Span, "image_start");
            return null;
        }

        var written = start.Value.Value;
        if (written.Symbol is { } label)
        {
            if (!_labels.TryGetValue(label, out var at))
            {
                _diagnostics.Report(PlanCatalogue.UnknownLabel, start.Value.Span, label);
                return null;
            }

            return new ImageStartCheck(start.Span, at, written.ToString());
        }

        return new ImageStartCheck(start.Span, written.Number, written.ToString());
    }

    private KimageCheck? Kimage(KimageExpectation kimage)
    {
        if (!_normalExpected)
        {
            _diagnostics.Report(PlanCatalogue.ExpectNeedsImage, kimage.Span, "kimage");
            return null;
        }

        var facts = new List<KimageFact>();
        foreach (var parameter in kimage.Parameters)
        {
            var name = parameter.Name.Value;
            var text = parameter.Value is ScalarValue s ? s.Text : throw new InvalidOperationException($"kimage {name} reached the planner unchecked");
            var property = KimageProperties.TryGetValue(name, out var p) ? p : throw new InvalidOperationException($"kimage {name} reached the planner unchecked");
            ulong value = property == KimageProperty.SourcesOutsideDestinations
                ? bool.TryParse(text, out var flag) ? (flag ? 1UL : 0UL) : throw new InvalidOperationException($"kimage {name} reached the planner unchecked")
                : NumberSyntax.TryParse(text, out var number, out _) && number <= ulong.MaxValue ? (ulong)number : throw new InvalidOperationException($"kimage {name} reached the planner unchecked");
            facts.Add(new KimageFact(parameter.Span, name, property, value, text));
        }

        return new KimageCheck(kimage.Span, facts);
    }
}
