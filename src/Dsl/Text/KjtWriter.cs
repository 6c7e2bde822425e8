using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Text;

/// <summary>
/// Writes a scenario model as <c>.kjt</c> text in canonical form: fixed section order, two-space
/// indentation, numbers and sizes formatted by <see cref="NumberSyntax"/> and <see cref="SizeSyntax"/>,
/// assembly as <c>"""</c> blocks. Reading the output gives back an equal model.
/// </summary>
public static partial class KjtWriter
{
    private const string Indent = "  ";

    private static readonly Lazy<HashSet<string>> Keywords = new(() =>
        [.. new KjtGrammar().KeyTerms.Keys.Where(k => k.Length > 0 && char.IsAsciiLetter(k[0]))]);

    /// <summary>Writes a scenario.</summary>
    public static string Write(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var w = new StringBuilder();
        Header(w, scenario);
        Machine(w, scenario.Machine);
        Kernel(w, scenario.Kernel);
        if (scenario.State.Registers.Count > 0)
        {
            w.Append("\nstate\n");
            foreach (var r in scenario.State.Registers)
            {
                w.Append(Indent).Append(Ident(r.Name.Value)).Append(" = ").Append(Number(r.Value.Value)).Append('\n');
            }
        }

        if (scenario.Memory.Count > 0)
        {
            w.Append('\n');
            foreach (var m in scenario.Memory)
            {
                w.Append("memory ").Append(Number(m.Address.Value)).Append(' ').Append(Content(m.Content, "")).Append('\n');
            }
        }

        foreach (var image in scenario.Images)
        {
            Image(w, image);
        }

        if (scenario.Relocate is { } relocate)
        {
            w.Append("\nrelocate ").Append(Ident(relocate.Image.Value)).Append(" convention ").Append(Era(relocate.Convention.Value)).Append('\n');
        }

        if (scenario.Steps.Count > 0)
        {
            w.Append("\nsteps\n");
            foreach (var step in scenario.Steps)
            {
                Step(w, step);
            }
        }

        return w.ToString();
    }

    private static void Header(StringBuilder w, Scenario s)
    {
        w.Append("scenario ").Append(Quote(s.Name.Value)).Append('\n');
        if (s.Description is { } description)
        {
            w.Append(Indent).Append("description ").Append(Quote(description.Value)).Append('\n');
        }

        if (s.Tags.Count > 0)
        {
            w.Append(Indent).Append("tags ").Append(string.Join(", ", s.Tags.Select(t => Ident(t.Value)))).Append('\n');
        }

        if (s.Era is { } era)
        {
            w.Append(Indent).Append("era ").Append(Era(era.Value)).Append('\n');
        }

        if (s.Arch is { } arch)
        {
            w.Append(Indent).Append("arch ").Append(Words.Of(Words.Arches, arch.Value)).Append('\n');
        }

        if (s.Seed is { } seed)
        {
            w.Append(Indent).Append("seed ").Append(Count(seed.Value)).Append('\n');
        }

        List<string> limits = [];
        if (s.Limits.MaxInstructions is { } max)
        {
            limits.Add("max_instructions " + Count(max.Value));
        }

        if (s.Limits.TimeoutMilliseconds is { } timeout)
        {
            limits.Add("timeout_ms " + Count(timeout.Value));
        }

        if (s.Limits.ConsoleBytes is { } console)
        {
            limits.Add("console_bytes " + Size(console.Value));
        }

        if (limits.Count > 0)
        {
            w.Append(Indent).Append("limits ").Append(string.Join(", ", limits)).Append('\n');
        }

        if (s.Outcome.Kind.Value != OutcomeKind.Pass || s.Outcome.Fields.Count > 0 || s.Outcome.Reason is not null)
        {
            OutcomeLine(w, s.Outcome, null);
        }

        foreach (var row in s.EraOutcomes)
        {
            OutcomeLine(w, row.Outcome, row.Era.Value);
        }
    }

    private static void OutcomeLine(StringBuilder w, ExpectedOutcome outcome, Era? era)
    {
        w.Append(Indent).Append("outcome ").Append(Lower(outcome.Kind.Value));
        if (outcome.Fields.Count > 0)
        {
            w.Append(' ').Append(string.Join(", ", outcome.Fields.Select(f => Ident(f.Value))));
        }

        if (outcome.Reason is { } reason)
        {
            w.Append(" reason ").Append(Quote(reason.Value));
        }

        if (era is { } e)
        {
            w.Append(" on ").Append(Lower(e));
        }

        w.Append('\n');
    }

    private static void Machine(StringBuilder w, MachineSpec m)
    {
        if (m.RamSize is null && m.CpuModel is null && m.MemoryMap.Count == 0 && m.Devices.Count == 0)
        {
            return;
        }

        w.Append("\nmachine\n");
        if (m.RamSize is { } ram)
        {
            w.Append(Indent).Append("ram ").Append(Size(ram.Value)).Append('\n');
        }

        if (m.CpuModel is { } cpu)
        {
            w.Append(Indent).Append("cpu ").Append(Ident(cpu.Value)).Append('\n');
        }

        foreach (var region in m.MemoryMap)
        {
            w.Append(Indent).Append("region ").Append(Lower(region.Kind.Value)).Append(' ').Append(Number(region.Range.Start.Value))
                .Append(" size ").Append(Size(region.Range.Size.Value)).Append('\n');
        }

        foreach (var device in m.Devices)
        {
            w.Append(Indent).Append("device ").Append(Ident(device.Name.Value)).Append(' ').Append(Ident(device.Type.Value));
            var attributes = device.Ports.Select(p => $"ports {Number(p.First.Value)} count {Count(p.Count.Value)}")
                .Concat(device.Mmio.Select(r => $"mmio {Number(r.Start.Value)} size {Size(r.Size.Value)}"))
                .Concat(device.Irq is { } irq ? [$"irq {Count(irq.Value)}"] : [])
                .ToList();
            if (attributes.Count > 0)
            {
                w.Append(' ').Append(string.Join(", ", attributes));
            }

            w.Append('\n');
            foreach (var r in device.Registers)
            {
                w.Append(Indent).Append(Indent).Append("register ").Append(Ident(r.Name.Value)).Append(" = ").Append(Number(r.Value.Value)).Append('\n');
            }
        }
    }

    private static void Kernel(StringBuilder w, KernelSettings k)
    {
        List<string> lines = [];
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                lines.Add(key + " " + value);
            }
        }

        Add("cap_sys_boot", Bool(k.CapSysBoot));
        Add("kexec_load_disabled", Bool(k.KexecLoadDisabled));
        Add("load_limit_reboot", k.LoadLimitReboot?.Value.ToString(CultureInfo.InvariantCulture));
        Add("load_limit_panic", k.LoadLimitPanic?.Value.ToString(CultureInfo.InvariantCulture));
        Add("lockdown", Bool(k.Lockdown));
        Add("kexec_jump", Bool(k.KexecJump));
        Add("lsm_error", k.LsmError is { } lsm ? Ident(lsm.Value) : null);
        Add("crashkernel", k.CrashKernel is { } crash ? $"{Number(crash.Start.Value)} size {Size(crash.Size.Value)}" : null);
        if (lines.Count == 0)
        {
            return;
        }

        w.Append("\nkernel\n");
        foreach (var line in lines)
        {
            w.Append(Indent).Append(line).Append('\n');
        }
    }

    private static void Image(StringBuilder w, ImageSpec image)
    {
        w.Append("\nimage ").Append(Ident(image.Name.Value));
        if (image.Entry is { } entry)
        {
            w.Append(" entry ").Append(SymbolOrNumber(entry.Value));
        }

        if (image.Elf is { } elf)
        {
            w.Append(" elf ").Append(Quote(elf.Value));
        }

        w.Append('\n');
        foreach (var segment in image.Segments)
        {
            w.Append(Indent).Append("segment ").Append(Number(segment.Mem.Value));
            if (segment.MemSize is { } memsz)
            {
                w.Append(" memsz ").Append(Size(memsz.Value));
            }

            if (segment.Content is { } content)
            {
                w.Append(' ').Append(Content(content, Indent));
            }

            w.Append('\n');
        }
    }

    private static string Content(Content content, string indent) => content switch
    {
        FillContent f => $"fill {Number(f.Value.Value)} size {Size(f.Size.Value)}",
        HexContent h => "hex " + Text(h.Source.Text, indent, preferBlock: false),
        AsmContent a => "asm " + Text(a.Source.Text, indent, preferBlock: true),
        FileContent f => "file " + Quote(f.Path.Value),
        ElfSegmentContent e => $"elf {Quote(e.Path.Value)} index {Number(e.Index.Value)}",
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "unknown content kind"),
    };

    private static string Era(Era era) => Words.Of(Words.Eras, era);

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Number(UInt128 value) => NumberSyntax.Format(value);

    /// <summary>Counts, limits, seeds and IRQ lines read best in decimal, as the YAML writer writes them.</summary>
    private static string Count(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(ulong value) => SizeSyntax.Format(value);

    private static string? Bool(Located<bool>? value) => value is { } v ? (v.Value ? "true" : "false") : null;

    private static string SymbolOrNumber(SymbolOrNumber value) => value.Symbol is { } symbol ? Ident(symbol) : Number(value.Number);

    /// <summary>A name as written: bare when it reads back as the same name, else quoted.</summary>
    private static string Ident(string name) =>
        IdentifierPattern().IsMatch(name) && !Keywords.Value.Contains(name) ? name : Quote(name);

    /// <summary>A parameter's text: bare when it reads back as the same text, else quoted.</summary>
    private static string Scalar(string text) =>
        (IdentifierPattern().IsMatch(text) && !Keywords.Value.Contains(text)) || NumberWordPattern().IsMatch(text) ? text : Quote(text);

    /// <summary>Embedded text: a block when it has several lines (or assembly), else a one-line string.</summary>
    private static string Text(string text, string indent, bool preferBlock)
    {
        var blockable = !text.Contains(KjtStringTerminal.BlockQuotes, StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal)
            && text.Length > 0;
        if (!blockable || (!preferBlock && !text.Contains('\n', StringComparison.Ordinal)))
        {
            return Quote(text);
        }

        var inner = indent + Indent;
        var b = new StringBuilder(KjtStringTerminal.BlockQuotes).Append('\n');
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                b.Append(inner).Append(line);
            }

            b.Append('\n');
        }

        return b.Append(inner).Append(KjtStringTerminal.BlockQuotes).ToString();
    }

    /// <summary>A one-line string with backslash escapes.</summary>
    private static string Quote(string text)
    {
        var b = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': b.Append("\\\\"); break;
                case '"': b.Append("\\\""); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\0': b.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^-?[0-9][A-Za-z0-9_.]*$")]
    private static partial Regex NumberWordPattern();
}
