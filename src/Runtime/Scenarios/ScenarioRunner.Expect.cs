using System.Security.Cryptography;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios;

/// <summary>The expect step: preserved state (the gap), registers, memory, console, image->start, kimage facts.</summary>
public sealed partial class ScenarioRunner
{
    // The C calling convention lets reboot() clobber these; RIP is where the task resumes.
    private static readonly HashSet<string> NotPreserved = new(StringComparer.Ordinal)
    {
        "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "rip", "msr.tsc", "eax", "ecx", "edx", "eip",
    };

    private const ulong ArithmeticFlags = 0x8D5;

    private StateCapture Capture(KimageLayout? layout)
    {
        var cpu = _machine.Cpu;
        var rsp = _env.PhysicalOf(I386 ? cpu.GetGpr(4) & 0xFFFF_FFFF : cpu.GetGpr(4));
        return new StateCapture(CaptureRegisters(), _machine.Memory.Snapshot(), DeviceSnapshots(), layout, rsp);
    }

    private SortedDictionary<string, UInt128> CaptureRegisters()
    {
        var cpu = _machine.Cpu;
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

    private bool Expect(ExpectStep step)
    {
        foreach (var expectation in step.Expectations)
        {
            switch (expectation)
            {
                case PreservedExpectation preserved:
                    ExpectPreserved(preserved);
                    break;
                case RegisterExpectation register:
                    if (!RegisterFile.TryGet(_machine.Cpu, register.Register.Value, out var actual) && !TryDeviceRegister(register.Register.Value, out actual))
                    {
                        Fail(register.Span, $"register {register.Register.Value} does not exist on this machine");
                        break;
                    }

                    var mask = register.Mask?.Value ?? UInt128.MaxValue;
                    if ((actual & mask) != (register.Value.Value & mask))
                    {
                        Fail(register.Span, $"{register.Register.Value} is {Hex(actual)}, expected {Hex(register.Value.Value)}" + (register.Mask is null ? "" : $" under mask {Hex(mask)}"));
                    }

                    break;
                case MemoryExpectation memory:
                    ExpectMemory(memory);
                    break;
                case ConsoleExpectation console:
                    ExpectConsole(console);
                    break;
                case ImageStartExpectation start:
                    var image = _kernel.NormalImage;
                    var wanted = start.Value.Value.Symbol is { } symbol ? _labels.TryGetValue(symbol, out var at) ? at : (ulong?)null : start.Value.Value.Number;
                    if (wanted is null)
                    {
                        Fail(start.Span, $"label '{start.Value.Value.Symbol}' is not defined by any loaded image");
                    }
                    else if (image is null)
                    {
                        Fail(start.Span, "no image is loaded, so there is no image->start");
                    }
                    else if (image.Start != wanted)
                    {
                        Fail(start.Span, $"image->start is 0x{image.Start:x}, expected 0x{wanted:x} ({start.Value.Value})");
                    }

                    break;
                case KimageExpectation kimage:
                    ExpectKimage(kimage);
                    break;
                default:
                    return Error(expectation.Span, $"expectation {expectation.GetType().Name} is not implemented yet");
            }
        }

        return false;
    }

    private bool TryDeviceRegister(string name, out UInt128 value)
    {
        value = 0;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        var device = name[..dot];
        var type = _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == device)?.Type.Value.ToLowerInvariant();
        var snapshot = DeviceSnapshots().FirstOrDefault(s => s.Device == device || (type == "uart16550" && s.Device == "uart0") || (type == "pic8259" && s.Device == "pic"));
        var register = snapshot?.Registers.FirstOrDefault(r => r.Key.Equals(name[(dot + 1)..], StringComparison.OrdinalIgnoreCase));
        if (register is not { Key: not null } found)
        {
            return false;
        }

        value = found.Value;
        return true;
    }

    private void ExpectConsole(ConsoleExpectation console)
    {
        var device = console.Device?.Value;
        var type = _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == device)?.Type.Value.ToLowerInvariant();
        var text = (device, type) switch
        {
            (null, _) => string.Concat(_console),
            ("uart0", _) or (_, "uart16550") => _devices.Uart.TransmittedText,
            ("debugcon", _) or (_, "debugcon") => _devices.DebugCon.OutputText,
            _ => null,
        };
        if (text is null)
        {
            Fail(console.Span, $"console device '{device}' does not exist");
            return;
        }

        var ok = console.Match.Value switch
        {
            ConsoleMatch.Contains => text.Contains(console.Text.Value, StringComparison.Ordinal),
            _ => text == console.Text.Value,
        };
        if (!ok)
        {
            Fail(console.Span, $"console{(device is null ? "" : " " + device)} shows \"{Escape(text)}\", expected {console.Match.Value.ToString().ToLowerInvariant()} \"{Escape(console.Text.Value)}\"");
        }
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    private void ExpectMemory(MemoryExpectation memory)
    {
        var address = memory.Address.Value;
        if (memory.Bytes is { } content)
        {
            var (expected, error) = ImageResolver.Content(_scenario, content, address, _baseDirectory);
            if (expected is null)
            {
                Fail(memory.Span, error ?? "bytes could not be read");
                return;
            }

            var actual = new byte[expected.Length];
            _machine.Memory.Read(address, actual);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                var at = 0;
                while (actual[at] == expected[at])
                {
                    at++;
                }

                Fail(memory.Span, $"memory at 0x{address + (ulong)at:x} is {Convert.ToHexString(actual.AsSpan(at, Math.Min(16, actual.Length - at)))}, expected {Convert.ToHexString(expected.AsSpan(at, Math.Min(16, expected.Length - at)))}");
            }
        }

        if (memory.Hash is { } hash)
        {
            var size = memory.Size?.Value ?? 0;
            var bytes = new byte[size];
            _machine.Memory.Read(address, bytes);
            var actualHash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            var wanted = hash.Value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? hash.Value[7..] : hash.Value;
            if (!string.Equals(actualHash, wanted, StringComparison.OrdinalIgnoreCase))
            {
                Fail(memory.Span, $"sha256 of 0x{size:x} bytes at 0x{address:x} is {actualHash}, expected {wanted}");
            }
        }
    }

    private void ExpectKimage(KimageExpectation kimage)
    {
        var layout = _kernel.NormalImage;
        if (layout is null)
        {
            Fail(kimage.Span, "no normal image is loaded");
            return;
        }

        foreach (var parameter in kimage.Parameters)
        {
            var text = parameter.Value is ScalarValue s ? s.Text : "";
            string actual = parameter.Name.Value switch
            {
                "segments" => layout.Segments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "source_pages" => layout.Pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "indirection_pages" => layout.IndirectionPages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "self_destinations" => layout.Pages.Count(p => p.Source == p.Destination).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "control_page" => $"0x{layout.ControlPages[0]:x}",
                "swap_page" => $"0x{layout.SwapPage ?? 0:x}",
                "head" => $"0x{layout.Head:x}",
                "sources_outside_destinations" => layout.Pages.All(p => p.Source == p.Destination || !layout.DestinationRanges.Any(r => r.TouchesPage(p.Source))) ? "true" : "false",
                _ => "?",
            };
            if (!SameNumber(actual, text))
            {
                Fail(parameter.Span, $"kimage {parameter.Name.Value} is {actual}, expected {text}");
            }
        }
    }

    private static bool SameNumber(string actual, string expected)
    {
        static ulong? Parse(string t)
        {
            t = t.Replace("_", "", StringComparison.Ordinal).Trim();
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return ulong.TryParse(t.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var h) ? h : null;
            }

            return ulong.TryParse(t, out var d) ? d : null;
        }

        return Parse(actual) is { } a && Parse(expected) is { } b ? a == b : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
    }

    private void ExpectPreserved(PreservedExpectation preserved)
    {
        if (_before is null || _after is null)
        {
            Fail(preserved.Span, "preserved needs a jump that returned to A before it");
            return;
        }

        var classes = preserved.Classes.Select(c => c.Value).ToHashSet();
        if (classes.Count == 0)
        {
            classes = [StateClass.Cpu, StateClass.Fpu, StateClass.Memory, StateClass.Devices];
        }

        var except = preserved.ExceptRegisters.Select(r => r.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var masks = preserved.Masks.ToDictionary(m => m.Register.Value.ToLowerInvariant(), m => m.Mask.Value, StringComparer.Ordinal);
        var fields = new List<GapField>();
        foreach (var (name, before) in _before.Registers)
        {
            var info = Dsl.Vocabulary.Registers.Find(name);
            if (info is null || !classes.Contains(info.Class) || NotPreserved.Contains(name) || except.Contains(name))
            {
                continue;
            }

            var mask = masks.TryGetValue(name, out var m) ? m : name is "rflags" or "eflags" ? ~(UInt128)ArithmeticFlags : UInt128.MaxValue;
            if (_after.Registers.TryGetValue(name, out var after) && (before & mask) != (after & mask))
            {
                fields.Add(new GapField(name, Hex(before), Hex(after)));
            }
        }

        if (classes.Contains(StateClass.Devices))
        {
            foreach (var (b, a) in _before.Devices.Zip(_after.Devices))
            {
                foreach (var (br, ar) in b.Registers.Zip(a.Registers))
                {
                    // Transmit progress, not configuration: output counters and a character still leaving the UART.
                    if (br.Key is "output_length" or "thr_pending" || except.Contains(b.Device) || except.Contains($"{b.Device}.{br.Key}"))
                    {
                        continue;
                    }

                    if (br.Value != ar.Value)
                    {
                        fields.Add(new GapField($"{b.Device}.{br.Key}", $"0x{br.Value:x}", $"0x{ar.Value:x}"));
                    }
                }
            }
        }

        var pages = new List<MemoryPageGap>();
        if (classes.Contains(StateClass.Memory))
        {
            var excluded = ExcludedRanges(preserved);
            foreach (var page in MemorySnapshot.Diff(_before.Memory, _after.Memory).Pages)
            {
                if (excluded.Any(r => r.ContainsPage(page.Address)))
                {
                    continue;
                }

                var ranges = page.Ranges.Where(r => !excluded.Any(x => x.Contains(page.Address + (ulong)r.Offset) && x.Contains(page.Address + (ulong)(r.Offset + r.Length - 1)))).ToList();
                if (ranges.Count == 0)
                {
                    continue;
                }

                var first = ranges[0];
                var length = Math.Min(16, first.Length);
                var before = new byte[length];
                var after = new byte[length];
                _before.Memory.Read(page.Address + (ulong)first.Offset, before);
                _after.Memory.Read(page.Address + (ulong)first.Offset, after);
                pages.Add(new MemoryPageGap(page.Address, ranges, before, after));
            }
        }

        var gap = new Gap(fields, pages);
        if (!gap.IsEmpty)
        {
            _gap = gap;
        }
    }

    private List<PhysicalRange> ExcludedRanges(PreservedExpectation preserved)
    {
        var excluded = new List<PhysicalRange>();
        if (_before?.Layout is { } layout)
        {
            var kexecPages = layout.Pages.Where(p => p.Source != p.Destination).Select(p => p.Source)
                .Concat(layout.IndirectionPages).Concat(layout.ControlPages).Concat(layout.PreparePages)
                .Concat(layout.ParkedPages).Concat(layout.UnusablePages);
            if (layout.SwapPage is { } swap)
            {
                kexecPages = kexecPages.Append(swap);
            }

            excluded.AddRange(kexecPages.Select(p => new PhysicalRange(p, KernelConstants.PageSize)));
        }

        excluded.AddRange(_env.ScratchRanges);
        if (_before is { } before && before.StackPointer > _env.StackBottom && before.StackPointer <= _env.StackTop)
        {
            excluded.Add(new PhysicalRange(_env.StackBottom, before.StackPointer - _env.StackBottom));
        }

        excluded.AddRange(preserved.ExceptMemory.Select(r => new PhysicalRange(r.Start.Value, r.Size.Value)));
        return excluded;
    }
}
