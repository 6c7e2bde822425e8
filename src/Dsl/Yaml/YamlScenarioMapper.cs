using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// Lowers a YAML tree into the scenario model by hand, reporting unknown, duplicate and missing keys,
/// wrong node kinds and bad values as diagnostics. A part that cannot be read is left out of the model;
/// the diagnostics then make the result unsuccessful.
/// </summary>
internal sealed partial class YamlScenarioMapper
{
    private static readonly string[] ScenarioKeys =
        ["name", "description", "tags", "era", "arch", "seed", "limits", "outcome", "machine", "kernel", "state", "memory", "images", "relocate", "steps"];

    private static readonly string[] LimitKeys = ["max_instructions", "timeout_ms", "console_bytes"];
    private static readonly string[] OutcomeKeys = ["kind", "fields", "reason"];
    private static readonly string[] EraTableKeys = [.. Words.Eras.Keys, "default"];
    private static readonly string[] RelocateKeys = ["image", "convention"];

    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;

    private YamlScenarioMapper(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    /// <summary>Lowers a document root into a scenario, or null when the root is not a mapping.</summary>
    public static Scenario? Map(YamlTreeNode root, SourceText source, DiagnosticBag diagnostics) =>
        new YamlScenarioMapper(source, diagnostics).Scenario(root);

    private Scenario? Scenario(YamlTreeNode root)
    {
        if (Map(root, "a scenario file", "the scenario", ScenarioKeys) is not { } map)
        {
            return null;
        }

        var name = Text(map["name"], "'name'");
        if (!map.Has("name"))
        {
            _diagnostics.Report(DiagnosticCatalogue.MissingKey, StartOf(root), "the scenario", "name");
        }

        if (!map.Has("steps"))
        {
            _diagnostics.Report(DiagnosticCatalogue.MissingKey, StartOf(root), "the scenario", "steps");
        }

        var (outcome, byEra) = Outcomes(map["outcome"]);
        return new Scenario(
            root.Span,
            name ?? new Located<string>("", StartOf(root)),
            Text(map["description"], "'description'"),
            map["tags"] is { } tags ? ListOrOne(tags).Select(t => Text(t, "a tag")).OfType<Located<string>>().ToList() : [],
            Choice(map["era"], "'era'", "era", Words.Eras),
            Choice(map["arch"], "'arch'", "architecture", Words.Arches),
            Number64(map["seed"], "'seed'"),
            Limits(map["limits"]),
            outcome,
            Machine(map["machine"]),
            Kernel(map["kernel"]),
            State(map["state"]),
            MemoryInits(map["memory"]),
            Images(map["images"]),
            Relocate(map["relocate"]),
            Steps(map["steps"]),
            byEra.Count > 0 ? byEra : null);
    }

    private SourceSpan StartOf(YamlTreeNode node) => _source.Span(node.Span.Offset, 0);

    private RunLimits Limits(YamlTreeNode? node) =>
        Map(node, "'limits'", "limits", LimitKeys) is { } map
            ? new RunLimits(map.Node.Span, Number64(map["max_instructions"], "'max_instructions'"), Number64(map["timeout_ms"], "'timeout_ms'"), Size(map["console_bytes"], "'console_bytes'"))
            : RunLimits.Default;

    /// <summary>
    /// The outcome, or a per-era table (<c>{cur: pass, k30: {kind: crash}}</c>): a mapping whose keys are era names,
    /// with an optional <c>default</c> row.
    /// </summary>
    private (ExpectedOutcome Default, List<EraOutcome> ByEra) Outcomes(YamlTreeNode? node)
    {
        if (node is not YamlTreeMapping mapping
            || !mapping.Entries.Any(e => e.Key is YamlTreeScalar k && (k.Value == "default" || Words.Eras.ContainsKey(k.Value))))
        {
            return (Outcome(node), []);
        }

        var table = new YamlMap(mapping, "the per-era outcome", EraTableKeys, _diagnostics);
        var rows = new List<EraOutcome>();
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is YamlTreeScalar key && Words.Eras.TryGetValue(key.Value, out var era) && table[key.Value] == entry.Value)
            {
                rows.Add(new EraOutcome(new Located<Era>(era, key.Span), Outcome(entry.Value)));
            }
        }

        return (table["default"] is { } fallback ? Outcome(fallback) : ExpectedOutcome.Pass, rows);
    }

    private ExpectedOutcome Outcome(YamlTreeNode? node)
    {
        switch (node)
        {
            case null:
                return ExpectedOutcome.Pass;
            case YamlTreeScalar:
                return Choice(node, "'outcome'", "outcome", Words.Outcomes) is { } kind
                    ? new ExpectedOutcome(node.Span, kind, [])
                    : ExpectedOutcome.Pass;
        }

        if (Map(node, "'outcome'", "the outcome", OutcomeKeys) is not { } map)
        {
            return ExpectedOutcome.Pass;
        }

        if (!map.Has("kind"))
        {
            _diagnostics.Report(DiagnosticCatalogue.MissingKey, StartOf(node), "the outcome", "kind");
        }

        var fields = map["fields"] is { } f ? ListOrOne(f).Select(x => Text(x, "a field")).OfType<Located<string>>().ToList() : [];
        var reason = Text(map["reason"], "'reason'");
        return Choice(map["kind"], "'kind'", "outcome", Words.Outcomes) is { } k
            ? new ExpectedOutcome(node.Span, k, fields, reason)
            : ExpectedOutcome.Pass;
    }

    private RelocateSpec? Relocate(YamlTreeNode? node)
    {
        if (Map(node, "'relocate'", "relocate", RelocateKeys) is not { } map)
        {
            return null;
        }

        var image = Text(map["image"], "'image'");
        var convention = Choice(map["convention"], "'convention'", "era", Words.Eras);
        Require(map, "relocate", "image", "convention");
        return image is { } i && convention is { } c ? new RelocateSpec(map.Node.Span, i, c) : null;
    }

    /// <summary>Reports every key of <paramref name="keys"/> that <paramref name="map"/> lacks; true when none is missing.</summary>
    private bool Require(YamlMap map, string place, params string[] keys)
    {
        var ok = true;
        foreach (var key in keys)
        {
            if (!map.Has(key))
            {
                _diagnostics.Report(DiagnosticCatalogue.MissingKey, StartOf(map.Node), place, key);
                ok = false;
            }
        }

        return ok;
    }
}
