using Irony.Parsing;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Text;

/// <summary>
/// Turns a <c>.kjt</c> parse tree into the scenario model, reading every value with the shared
/// number and size syntax and reporting bad values as diagnostics. Runs after parsing, never from
/// grammar callbacks, so the grammar stays a pure description of the shape.
/// </summary>
internal sealed partial class KjtLowering
{
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    private KjtLowering(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    /// <summary>Lowers a parse tree with no syntax errors.</summary>
    public static Scenario Lower(ParseTreeNode root, SourceText source, DiagnosticBag diagnostics) =>
        new KjtLowering(source, diagnostics).File(root);

    private Scenario File(ParseTreeNode file)
    {
        var header = Child(file, KjtTerms.ScenarioLine);
        var name = Str(header.ChildNodes[1]);
        Located<string>? description = null;
        List<Located<string>> tags = [];
        Located<Era>? era = null;
        Located<Arch>? arch = null;
        Located<ulong>? seed = null;
        var limits = RunLimits.Default;
        var outcome = ExpectedOutcome.Pass;
        List<EraOutcome> byEra = [];
        foreach (var line in Items(file, KjtTerms.MetaList))
        {
            var keyword = line.ChildNodes[0];
            if (OutcomeEraOf(line) is { } onEra)
            {
                // One outcome line per era; the line without `on` is the default row.
                NoteOnce("meta:outcome on " + onEra.Token.Text, keyword, "outcome on " + onEra.Token.Text);
                if (Choice(onEra, "era", Words.Eras) is { } rowEra)
                {
                    byEra.Add(new EraOutcome(rowEra, Outcome(line)));
                }

                continue;
            }

            NoteOnce("meta:", keyword);
            switch (keyword.Token.Text)
            {
                case "description": description = Str(line.ChildNodes[1]); break;
                case "tags": tags = [.. line.ChildNodes[1].ChildNodes.Select(Str)]; break;
                case "era": era = Choice(line.ChildNodes[1], "era", Words.Eras); break;
                case "arch": arch = Choice(line.ChildNodes[1], "architecture", Words.Arches); break;
                case "seed": seed = Number(line.ChildNodes[1], 64); break;
                case "limits": limits = Limits(line); break;
                case "outcome": outcome = Outcome(line); break;
            }
        }

        var machine = MachineSpec.Default;
        var kernel = KernelSettings.Default;
        var state = CpuStateSpec.Default;
        List<MemoryInit> memory = [];
        List<ImageSpec> images = [];
        RelocateSpec? relocate = null;
        foreach (var section in Items(file, KjtTerms.SectionList))
        {
            switch (section.Term.Name)
            {
                case KjtTerms.MachineSection: NoteOnce("section:", section.ChildNodes[0]); machine = Machine(section); break;
                case KjtTerms.KernelSection: NoteOnce("section:", section.ChildNodes[0]); kernel = Kernel(section); break;
                case KjtTerms.StateSection: NoteOnce("section:", section.ChildNodes[0]); state = State(section); break;
                case KjtTerms.MemoryLine: memory.Add(new MemoryInit(Span(section), Number(section.ChildNodes[1], 64), Content(section.ChildNodes[2]))); break;
                case KjtTerms.ImageSection: images.Add(Image(section)); break;
                case KjtTerms.RelocateLine:
                    NoteOnce("section:", section.ChildNodes[0]);
                    relocate = new RelocateSpec(Span(section), Str(section.ChildNodes[1]), Choice(section.ChildNodes[3], "era", Words.Eras));
                    break;
            }
        }

        List<Step> steps = [];
        var stepsSection = file.ChildNodes.FirstOrDefault(n => n.Term.Name == KjtTerms.StepsSection)
            ?? file.ChildNodes.FirstOrDefault(n => n.Term.Name == KjtTerms.StepsOpt)?.ChildNodes.FirstOrDefault();
        if (stepsSection is not null)
        {
            steps = [.. Items(stepsSection, KjtTerms.StepLines).Select(Step)];
        }

        return new Scenario(
            _source.Span(0, _source.Text.Length), name, description, tags, era, arch, seed, limits, outcome,
            machine, kernel, state, memory, images, relocate, steps, byEra.Count > 0 ? byEra : null);
    }

    /// <summary>The era name after <c>on</c> of an outcome line, or null.</summary>
    private static ParseTreeNode? OutcomeEraOf(ParseTreeNode line) =>
        line.ChildNodes.FirstOrDefault(n => n.Term.Name == KjtTerms.OutcomeEra) is { ChildNodes.Count: 2 } on ? on.ChildNodes[1] : null;

    private RunLimits Limits(ParseTreeNode line)
    {
        Located<ulong>? max = null;
        Located<ulong>? timeout = null;
        Located<ulong>? console = null;
        foreach (var limit in line.ChildNodes[1].ChildNodes)
        {
            NoteOnce("limit:", limit.ChildNodes[0]);
            switch (limit.ChildNodes[0].Token.Text)
            {
                case "max_instructions": max = Number(limit.ChildNodes[1], 64); break;
                case "timeout_ms": timeout = Number(limit.ChildNodes[1], 64); break;
                default: console = Size(limit.ChildNodes[1]); break;
            }
        }

        return new RunLimits(Span(line), max, timeout, console);
    }

    private ExpectedOutcome Outcome(ParseTreeNode line)
    {
        var kind = Choice(line.ChildNodes[1], "outcome", Words.Outcomes);
        var fields = line.ChildNodes.Count > 2 && line.ChildNodes[2].ChildNodes.Count > 0
            ? [.. line.ChildNodes[2].ChildNodes[0].ChildNodes.Select(Str)]
            : new List<Located<string>>();
        var reason = line.ChildNodes.FirstOrDefault(n => n.Term.Name == KjtTerms.OutcomeReason) is { ChildNodes.Count: 2 } r ? Str(r.ChildNodes[1]) : (Located<string>?)null;
        return new ExpectedOutcome(Span(line), kind, fields, reason);
    }

    private MachineSpec Machine(ParseTreeNode section)
    {
        Located<ulong>? ram = null;
        Located<string>? cpu = null;
        List<MemoryRegion> regions = [];
        List<DeviceSpec> devices = [];
        foreach (var line in Items(section, KjtTerms.MachineLines))
        {
            var c = line.ChildNodes;
            switch (c[0].Token.Text)
            {
                case "ram": NoteOnce("machine:", c[0]); ram = Size(c[1]); break;
                case "cpu": NoteOnce("machine:", c[0]); cpu = Str(c[1]); break;
                case "region":
                    var kind = Choice(c[1], "memory region kind", Words.RegionKinds);
                    regions.Add(new MemoryRegion(Span(line), new MemoryRange(Span(c[2], c[4]), Number(c[2], 64), Size(c[4])), kind));
                    break;
                case "device":
                    devices.Add(Device(line));
                    break;
            }
        }

        return new MachineSpec(Span(section), ram, cpu, regions, devices);
    }

    private DeviceSpec Device(ParseTreeNode line)
    {
        var c = line.ChildNodes;
        List<PortRange> ports = [];
        List<MemoryRange> mmio = [];
        Located<ulong>? irq = null;
        var attributes = Optional(line, KjtTerms.DeviceAttrsOpt)?.ChildNodes.FirstOrDefault()?.ChildNodes ?? [];
        foreach (var attribute in attributes)
        {
            var a = attribute.ChildNodes;
            switch (a[0].Token.Text)
            {
                case "ports": ports.Add(new PortRange(Span(attribute), Number(a[1], 16), Number(a[3], 32))); break;
                case "mmio": mmio.Add(new MemoryRange(Span(attribute), Number(a[1], 64), Size(a[3]))); break;
                default: NoteOnce("irq:" + c[1].FindTokenAndGetText() + ":", a[0]); irq = Number(a[1], 8); break;
            }
        }

        var registers = Items(line, KjtTerms.RegisterLines)
            .Select(r => new RegisterAssignment(Span(r), Str(r.ChildNodes[1]), Wide(r.ChildNodes[2])))
            .ToList();
        var registersNode = Optional(line, KjtTerms.RegisterLines);
        var lastToken = registers.Count > 0 ? LastToken(registersNode!) : LastToken(line);
        return new DeviceSpec(SpanBetween(FirstToken(line), lastToken), Str(c[1]), Str(c[2]), ports, mmio, irq, registers);
    }

    private KernelSettings Kernel(ParseTreeNode section)
    {
        var k = KernelSettings.Default with { Span = Span(section) };
        foreach (var line in Items(section, KjtTerms.KernelLines))
        {
            var c = line.ChildNodes;
            var keyword = c[0].Term.Name == KjtTerms.KernelKey ? c[0].ChildNodes[0] : c[0];
            NoteOnce("kernel:", keyword);
            k = keyword.Token.Text switch
            {
                "cap_sys_boot" => k with { CapSysBoot = Bool(c[1]) },
                "kexec_load_disabled" => k with { KexecLoadDisabled = Bool(c[1]) },
                "load_limit_reboot" => k with { LoadLimitReboot = Signed(c[1]) },
                "load_limit_panic" => k with { LoadLimitPanic = Signed(c[1]) },
                "lockdown" => k with { Lockdown = Bool(c[1]) },
                "kexec_jump" => k with { KexecJump = Bool(c[1]) },
                "lsm_error" => k with { LsmError = Result(c[1], jump: false) },
                _ => k with { CrashKernel = new MemoryRange(Span(c[1], c[3]), Number(c[1], 64), Size(c[3])) },
            };
        }

        return k;
    }

    private CpuStateSpec State(ParseTreeNode section) =>
        new(Span(section), [.. Items(section, KjtTerms.StateLines)
            .Select(l => new RegisterAssignment(Span(l), Str(l.ChildNodes[0]), Wide(l.ChildNodes[1])))]);

    private Content Content(ParseTreeNode content)
    {
        var c = content.ChildNodes;
        var span = Span(content);
        return c[0].Token.Text switch
        {
            "fill" => new FillContent(span, Number(c[1], 8), Size(c[3])),
            "hex" => new HexContent(span, Embedded(c[1])),
            "asm" => new AsmContent(span, Embedded(c[1])),
            "file" => new FileContent(span, Str(c[1])),
            _ => new ElfSegmentContent(span, Str(c[1]), Number(c[3], 64)),
        };
    }

    private ImageSpec Image(ParseTreeNode section)
    {
        var c = section.ChildNodes;
        Located<SymbolOrNumber>? entry = null;
        Located<string>? elf = null;
        foreach (var option in Items(section, KjtTerms.ImageOpts))
        {
            NoteOnce("image:" + c[1].FindTokenAndGetText() + ":", option.ChildNodes[0]);
            if (option.ChildNodes[0].Token.Text == "entry")
            {
                entry = SymbolOrNumber(option.ChildNodes[1]);
            }
            else
            {
                elf = Str(option.ChildNodes[1]);
            }
        }

        var segments = Items(section, KjtTerms.SegmentLines).Select(Segment).ToList();
        var segmentsNode = Optional(section, KjtTerms.SegmentLines);
        var last = segments.Count > 0 ? LastToken(segmentsNode!) : LastToken(section);
        return new ImageSpec(SpanBetween(FirstToken(section), last), Str(c[1]), entry, segments, elf);
    }

    private SegmentSpec Segment(ParseTreeNode line)
    {
        var memsz = Optional(line, KjtTerms.MemszOpt);
        var content = Optional(line, KjtTerms.Content);
        return new SegmentSpec(
            Span(line),
            Number(line.ChildNodes[1], 64),
            memsz is { ChildNodes.Count: 2 } ? Size(memsz.ChildNodes[1]) : null,
            content is null ? null : Content(content));
    }

    private static ParseTreeNode Child(ParseTreeNode node, string termName) =>
        node.ChildNodes.First(n => n.Term.Name == termName);

    private static IReadOnlyList<ParseTreeNode> Items(ParseTreeNode node, string termName) =>
        (IReadOnlyList<ParseTreeNode>?)Optional(node, termName)?.ChildNodes ?? [];

    private static ParseTreeNode? Optional(ParseTreeNode node, string termName) =>
        node.ChildNodes.FirstOrDefault(n => n.Term.Name == termName);

    private void NoteOnce(string scope, ParseTreeNode keyword) => NoteOnce(scope + keyword.Token.Text, keyword, keyword.Token.Text);

    private void NoteOnce(string key, ParseTreeNode keyword, string written)
    {
        var line = _source.Position(keyword.Token.Location.Position).Line;
        if (_seen.TryGetValue(key, out var first))
        {
            _diagnostics.Report(DiagnosticCatalogue.KjtDuplicate, TokenSpan(keyword.Token), written, first);
        }
        else
        {
            _seen[key] = line;
        }
    }
}
