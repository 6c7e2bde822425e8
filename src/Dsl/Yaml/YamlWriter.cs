using System.Globalization;
using System.Text;
using KjTest.Abi;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// Writes a scenario model as YAML in the canonical shape that <see cref="YamlFrontEnd"/> reads:
/// block style, numbers in hexadecimal above 9, sizes with binary units, embedded text as literal
/// blocks. Reading the output back gives an equal <see cref="ModelDump"/>; the one exception is an
/// expect step that repeats a key (possible in the text form), which is written as several steps.
/// </summary>
public static class YamlWriter
{
    /// <summary>The YAML text of <paramref name="scenario"/>.</summary>
    public static string Write(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var lines = new List<string>();
        Entry(lines, "name", Quote(scenario.Name.Value));
        if (scenario.Description is { } description)
        {
            Entry(lines, "description", Quote(description.Value));
        }

        if (scenario.Tags.Count > 0)
        {
            Entry(lines, "tags", Flow(scenario.Tags.Select(t => Quote(t.Value))));
        }

        if (scenario.Era is { } era)
        {
            Entry(lines, "era", Words.Of(Words.Eras, era.Value));
        }

        if (scenario.Arch is { } arch)
        {
            Entry(lines, "arch", Words.Of(Words.Arches, arch.Value));
        }

        if (scenario.Seed is { } seed)
        {
            Entry(lines, "seed", Count(seed.Value));
        }

        Limits(lines, scenario.Limits);
        Outcome(lines, scenario);
        Machine(lines, scenario.Machine);
        Kernel(lines, scenario.Kernel);
        if (scenario.State.Registers.Count > 0)
        {
            Entry(lines, "state", Assignments(scenario.State.Registers));
        }

        if (scenario.Memory.Count > 0)
        {
            Entry(lines, "memory", Items(scenario.Memory.Select(MemoryInit)));
        }

        if (scenario.Images.Count > 0)
        {
            Entry(lines, "images", Items(scenario.Images.Select(Image)));
        }

        if (scenario.Relocate is { } relocate)
        {
            var r = new List<string>();
            Entry(r, "image", Quote(relocate.Image.Value));
            Entry(r, "convention", Words.Of(Words.Eras, relocate.Convention.Value));
            Entry(lines, "relocate", r);
        }

        if (scenario.Steps.Count == 0)
        {
            Entry(lines, "steps", "[]");
        }
        else
        {
            Entry(lines, "steps", Items(scenario.Steps.SelectMany(Steps)));
        }
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static void Limits(List<string> lines, RunLimits limits)
    {
        if (limits.MaxInstructions is null && limits.TimeoutMilliseconds is null && limits.ConsoleBytes is null)
        {
            return;
        }

        var l = new List<string>();
        if (limits.MaxInstructions is { } max)
        {
            Entry(l, "max_instructions", Count(max.Value));
        }

        if (limits.TimeoutMilliseconds is { } timeout)
        {
            Entry(l, "timeout_ms", Count(timeout.Value));
        }

        if (limits.ConsoleBytes is { } console)
        {
            Entry(l, "console_bytes", SizeSyntax.Format(console.Value));
        }

        Entry(lines, "limits", l);
    }

    private static void Outcome(List<string> lines, Scenario scenario)
    {
        if (scenario.EraOutcomes.Count == 0)
        {
            if (scenario.Outcome.Kind.Value != OutcomeKind.Pass || scenario.Outcome.Fields.Count > 0 || scenario.Outcome.Reason is not null)
            {
                OutcomeEntry(lines, "outcome", scenario.Outcome);
            }

            return;
        }

        var table = new List<string>();
        if (scenario.Outcome.Kind.Value != OutcomeKind.Pass || scenario.Outcome.Fields.Count > 0 || scenario.Outcome.Reason is not null)
        {
            OutcomeEntry(table, "default", scenario.Outcome);
        }

        foreach (var row in scenario.EraOutcomes)
        {
            OutcomeEntry(table, Words.Of(Words.Eras, row.Era.Value), row.Outcome);
        }

        Entry(lines, "outcome", table);
    }

    private static void OutcomeEntry(List<string> lines, string key, ExpectedOutcome outcome)
    {
        var kind = Words.Of(Words.Outcomes, outcome.Kind.Value);
        if (outcome.Fields.Count == 0 && outcome.Reason is null)
        {
            Entry(lines, key, kind);
            return;
        }

        var o = new List<string>();
        Entry(o, "kind", kind);
        if (outcome.Fields.Count > 0)
        {
            Entry(o, "fields", Flow(outcome.Fields.Select(f => Quote(f.Value))));
        }

        if (outcome.Reason is { } reason)
        {
            Entry(o, "reason", Quote(reason.Value));
        }

        Entry(lines, key, o);
    }

    private static void Machine(List<string> lines, MachineSpec machine)
    {
        var m = new List<string>();
        if (machine.RamSize is { } ram)
        {
            Entry(m, "ram", SizeSyntax.Format(ram.Value));
        }

        if (machine.CpuModel is { } cpu)
        {
            Entry(m, "cpu", Quote(cpu.Value));
        }

        if (machine.MemoryMap.Count > 0)
        {
            Entry(m, "memory_map", Items(machine.MemoryMap.Select(r =>
            {
                var l = Range(r.Range);
                Entry(l, "kind", Words.Of(Words.RegionKinds, r.Kind.Value));
                return l;
            })));
        }

        if (machine.Devices.Count > 0)
        {
            Entry(m, "devices", Items(machine.Devices.Select(Device)));
        }

        if (m.Count > 0)
        {
            Entry(lines, "machine", m);
        }
    }

    private static List<string> Device(DeviceSpec device)
    {
        var d = new List<string>();
        Entry(d, "name", Quote(device.Name.Value));
        Entry(d, "type", Quote(device.Type.Value));
        if (device.Ports.Count > 0)
        {
            Entry(d, "ports", Items(device.Ports.Select(p =>
            {
                var l = new List<string>();
                Entry(l, "first", Number(p.First.Value));
                Entry(l, "count", Count(p.Count.Value));
                return l;
            })));
        }

        if (device.Mmio.Count > 0)
        {
            Entry(d, "mmio", Items(device.Mmio.Select(Range)));
        }

        if (device.Irq is { } irq)
        {
            Entry(d, "irq", Count(irq.Value));
        }

        if (device.Registers.Count > 0)
        {
            Entry(d, "registers", Assignments(device.Registers));
        }

        return d;
    }

    private static void Kernel(List<string> lines, KernelSettings kernel)
    {
        var k = new List<string>();
        Optional(k, "cap_sys_boot", kernel.CapSysBoot);
        Optional(k, "kexec_load_disabled", kernel.KexecLoadDisabled);
        if (kernel.LoadLimitReboot is { } reboot)
        {
            Entry(k, "load_limit_reboot", reboot.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (kernel.LoadLimitPanic is { } panic)
        {
            Entry(k, "load_limit_panic", panic.Value.ToString(CultureInfo.InvariantCulture));
        }

        Optional(k, "lockdown", kernel.Lockdown);
        Optional(k, "kexec_jump", kernel.KexecJump);
        if (kernel.LsmError is { } lsm)
        {
            Entry(k, "lsm_error", Quote(lsm.Value));
        }

        if (kernel.CrashKernel is { } crash)
        {
            Entry(k, "crashkernel", Range(crash));
        }

        if (k.Count > 0)
        {
            Entry(lines, "kernel", k);
        }
    }

    private static void Optional(List<string> lines, string key, Located<bool>? value)
    {
        if (value is { } v)
        {
            Entry(lines, key, v.Value ? "true" : "false");
        }
    }

    private static List<string> Assignments(IEnumerable<RegisterAssignment> registers)
    {
        var l = new List<string>();
        foreach (var register in registers)
        {
            Entry(l, Quote(register.Name.Value), Number(register.Value.Value));
        }

        return l;
    }

    private static List<string> Range(MemoryRange range)
    {
        var l = new List<string>();
        Entry(l, "start", Number(range.Start.Value));
        Entry(l, "size", SizeSyntax.Format(range.Size.Value));
        return l;
    }

    private static List<string> MemoryInit(MemoryInit init)
    {
        var l = new List<string>();
        Entry(l, "at", Number(init.Address.Value));
        Content(l, init.Content);
        return l;
    }

    private static List<string> Image(ImageSpec image)
    {
        var l = new List<string>();
        Entry(l, "name", Quote(image.Name.Value));
        if (image.Entry is { } entry)
        {
            Entry(l, "entry", SymbolOrNumber(entry.Value));
        }

        if (image.Segments.Count > 0)
        {
            Entry(l, "segments", Items(image.Segments.Select(s =>
            {
                var seg = new List<string>();
                Entry(seg, "mem", Number(s.Mem.Value));
                if (s.MemSize is { } memsz)
                {
                    Entry(seg, "memsz", SizeSyntax.Format(memsz.Value));
                }

                Content(seg, s.Content);
                return seg;
            })));
        }

        if (image.Elf is { } elf)
        {
            Entry(l, "elf", Quote(elf.Value));
        }

        return l;
    }

    private static void Content(List<string> lines, Content? content)
    {
        switch (content)
        {
            case AsmContent asm:
                Embedded(lines, "asm", asm.Source.Text);
                break;
            case HexContent hex:
                Embedded(lines, "hex", hex.Source.Text);
                break;
            case FileContent file:
                Entry(lines, "file", Quote(file.Path.Value));
                break;
            case FillContent fill:
                var f = new List<string>();
                Entry(f, "value", Number(fill.Value.Value));
                Entry(f, "size", SizeSyntax.Format(fill.Size.Value));
                Entry(lines, "fill", f);
                break;
            case ElfSegmentContent elf:
                var e = new List<string>();
                Entry(e, "file", Quote(elf.Path.Value));
                Entry(e, "index", Count(elf.Index.Value));
                Entry(lines, "elf", e);
                break;
        }
    }

    private static IEnumerable<List<string>> Steps(Step step)
    {
        var l = new List<string>();
        switch (step)
        {
            case LoadStep load:
                Entry(l, "load", Quote(load.Image.Value));
                if (load.Flags.Count > 0)
                {
                    Entry(l, "flags", Flow(load.Flags.Select(f => f.Value.Name is { } name ? Quote(name) : Number(f.Value.Number))));
                }

                if (load.Entry is { } entry)
                {
                    Entry(l, "entry", SymbolOrNumber(entry.Value));
                }

                Result(l, load.Expect.Value);
                break;
            case UnloadStep unload:
                Entry(l, "unload", unload.Crash.Value ? "crash" : "normal");
                Result(l, unload.Expect.Value);
                break;
            case JumpStep jump:
                Entry(l, "jump", Quote(jump.Expect.Value));
                break;
            case FaultStep fault:
                Entry(l, "fault", Quote(fault.Kind.Value));
                foreach (var parameter in fault.Parameters)
                {
                    Entry(l, Quote(parameter.Name.Value), ParameterText(parameter.Value));
                }

                break;
            case ExpectStep expect:
                foreach (var group in ExpectGroups(expect.Expectations))
                {
                    var g = new List<string>();
                    Entry(g, "expect", group);
                    yield return g;
                }

                yield break;
        }

        yield return l;
    }

    private static void Result(List<string> lines, string expect)
    {
        if (expect != Errno.Ok)
        {
            Entry(lines, "expect", Quote(expect));
        }
    }

    /// <summary>Expectations as expect-step mappings; a key that would repeat starts the next step.</summary>
    private static IEnumerable<List<string>> ExpectGroups(IReadOnlyList<Expectation> expectations)
    {
        var current = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        string? last = null;
        List<string>? registers = null;
        HashSet<string>? registerNames = null;
        List<List<string>>? memory = null;
        for (var i = 0; i < expectations.Count; i++)
        {
            var expectation = expectations[i];
            var key = KeyOf(expectation);
            var continues = key == last && key is "registers" or "memory"
                && !(expectation is RegisterExpectation r && registerNames!.Contains(r.Register.Value));
            if (!continues)
            {
                Flush();
                if (used.Contains(key))
                {
                    yield return current;
                    current = [];
                    used.Clear();
                }

                used.Add(key);
            }

            last = key;
            switch (expectation)
            {
                case RegisterExpectation register:
                    registers ??= [];
                    registerNames ??= new HashSet<string>(StringComparer.Ordinal);
                    registerNames.Add(register.Register.Value);
                    if (register.Mask is { } mask)
                    {
                        var v = new List<string>();
                        Entry(v, "value", Number(register.Value.Value));
                        Entry(v, "mask", Number(mask.Value));
                        Entry(registers, Quote(register.Register.Value), v);
                    }
                    else
                    {
                        Entry(registers, Quote(register.Register.Value), Number(register.Value.Value));
                    }

                    break;
                case MemoryExpectation m:
                    memory ??= [];
                    var item = new List<string>();
                    Entry(item, "at", Number(m.Address.Value));
                    if (m.Size is { } size)
                    {
                        Entry(item, "size", SizeSyntax.Format(size.Value));
                    }

                    if (m.Hash is { } hash)
                    {
                        Entry(item, "sha256", Quote(Sha256Syntax.Digits(hash.Value)));
                    }

                    Content(item, m.Bytes);
                    memory.Add(item);
                    break;
                case PreservedExpectation p:
                    Preserved(current, p);
                    break;
                case ConsoleExpectation c:
                    if (c.Device is null && c.Match.Value == ConsoleMatch.Exact && c.Hex is null)
                    {
                        Entry(current, "console", Quote(c.Text.Value, forceQuotes: true));
                    }
                    else
                    {
                        var cl = new List<string>();
                        Entry(cl, c.Hex is null ? "text" : "hex", Quote(c.Text.Value, forceQuotes: true));
                        if (c.Device is { } device)
                        {
                            Entry(cl, "device", Quote(device.Value));
                        }

                        Entry(cl, "match", Words.Of(Words.ConsoleMatches, c.Match.Value));
                        Entry(current, "console", cl);
                    }

                    break;
                case ImageStartExpectation s:
                    Entry(current, "image_start", SymbolOrNumber(s.Value.Value));
                    break;
                case KimageExpectation k:
                    var kl = new List<string>();
                    foreach (var parameter in k.Parameters)
                    {
                        Entry(kl, Quote(parameter.Name.Value), ParameterText(parameter.Value));
                    }

                    if (kl.Count == 0)
                    {
                        current.Add("kimage: {}");
                    }
                    else
                    {
                        Entry(current, "kimage", kl);
                    }

                    break;
            }
        }

        Flush();
        yield return current;

        void Flush()
        {
            if (registers is not null)
            {
                Entry(current, "registers", registers);
                registers = null;
                registerNames = null;
            }

            if (memory is not null)
            {
                Entry(current, "memory", Items(memory));
                memory = null;
            }
        }
    }

    private static string KeyOf(Expectation expectation) => expectation switch
    {
        RegisterExpectation => "registers",
        MemoryExpectation => "memory",
        PreservedExpectation => "preserved",
        ConsoleExpectation => "console",
        ImageStartExpectation => "image_start",
        _ => "kimage",
    };

    private static void Preserved(List<string> lines, PreservedExpectation p)
    {
        var allClasses = p.Classes.Select(c => c.Value).SequenceEqual(Words.StateClasses.Values);
        var classes = p.Classes.Count == 1
            ? Words.Of(Words.StateClasses, p.Classes[0].Value)
            : Flow(p.Classes.Select(c => Words.Of(Words.StateClasses, c.Value)));
        if (p.ExceptRegisters.Count == 0 && p.ExceptMemory.Count == 0 && p.Masks.Count == 0)
        {
            Entry(lines, "preserved", allClasses ? "all" : classes);
            return;
        }

        var l = new List<string>();
        if (!allClasses)
        {
            Entry(l, "classes", classes);
        }

        if (p.ExceptRegisters.Count > 0)
        {
            Entry(l, "except", Flow(p.ExceptRegisters.Select(r => Quote(r.Value))));
        }

        if (p.ExceptMemory.Count > 0)
        {
            Entry(l, "except_memory", Items(p.ExceptMemory.Select(Range)));
        }

        if (p.Masks.Count > 0)
        {
            var m = new List<string>();
            foreach (var mask in p.Masks)
            {
                Entry(m, Quote(mask.Register.Value), Number(mask.Mask.Value));
            }

            Entry(l, "masks", m);
        }

        Entry(lines, "preserved", l);
    }

    private static string ParameterText(ParameterValue value) => value switch
    {
        ListValue list => Flow(list.Items.Select(ParameterText)),
        ScalarValue scalar => Quote(scalar.Text),
        _ => "",
    };

    private static void Embedded(List<string> lines, string key, string text)
    {
        var literal = text.Contains('\n', StringComparison.Ordinal)
            && !text.Any(c => char.IsControl(c) && c != '\n')
            && !text.Split('\n').Any(line => line.Length > 0 && line.Trim(' ').Length == 0);
        if (!literal)
        {
            Entry(lines, key, Quote(text));
            return;
        }

        var body = text.EndsWith('\n') ? text[..^1] : text;
        var trailing = text.Length - text.TrimEnd('\n').Length;
        var chomp = trailing switch { 0 => "-", 1 => "", _ => "+" };
        if (trailing > 1)
        {
            body = text[..^1];
        }

        var indicator = body.StartsWith(' ') || body.StartsWith('\n') ? "2" : "";
        lines.Add($"{key}: |{indicator}{chomp}");
        foreach (var line in body.Split('\n'))
        {
            lines.Add(line.Length == 0 ? "" : "  " + line);
        }
    }

    private static string SymbolOrNumber(SymbolOrNumber value) => value.Symbol is { } symbol ? Quote(symbol) : Number(value.Number);

    private static string Number(UInt128 value) => NumberSyntax.Format(value);

    /// <summary>Counts, limits and line numbers read best in decimal.</summary>
    private static string Count(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flow(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static void Entry(List<string> lines, string key, string scalar) => lines.Add($"{key}: {scalar}");

    private static void Entry(List<string> lines, string key, List<string> block)
    {
        if (block.Count == 0)
        {
            lines.Add($"{key}: {{}}");
            return;
        }

        lines.Add(key + ":");
        lines.AddRange(block.Select(line => line.Length == 0 ? "" : "  " + line));
    }

    private static List<string> Items(IEnumerable<List<string>> items)
    {
        var lines = new List<string>();
        foreach (var item in items)
        {
            if (item.Count == 0)
            {
                lines.Add("- {}");
                continue;
            }

            lines.Add("- " + item[0]);
            lines.AddRange(item.Skip(1).Select(line => line.Length == 0 ? "" : "  " + line));
        }

        return lines;
    }

    /// <summary>A scalar as written: plain when YAML reads it back unchanged as text, double-quoted otherwise.</summary>
    private static string Quote(string text, bool forceQuotes = false)
    {
        if (!forceQuotes && IsPlainSafe(text))
        {
            return text;
        }

        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL" || text != text.Trim())
        {
            return false;
        }

        if (!(char.IsAsciiLetterOrDigit(text[0]) || text[0] is '_' or '.' or '/'))
        {
            return false;
        }

        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-' or '+' or ' ' or '(' or ')' or '=' or '\'' or ';')
            && !text.Contains(" #", StringComparison.Ordinal);
    }
}
