using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

internal sealed partial class YamlScenarioMapper
{
    private static readonly string[] StepKinds = ["load", "unload", "jump", "fault", "expect"];
    private static readonly string[] LoadKeys = ["load", "flags", "entry", "expect"];
    private static readonly string[] UnloadKeys = ["unload", "expect"];
    private static readonly string[] JumpKeys = ["jump"];
    private static readonly string[] ExpectStepKeys = ["expect"];

    private List<Step> Steps(YamlTreeNode? node)
    {
        var list = new List<Step>();
        foreach (var item in Sequence(node, "'steps'")?.Items ?? [])
        {
            if (Step(item) is { } step)
            {
                list.Add(step);
            }
        }

        return list;
    }

    private Step? Step(YamlTreeNode item)
    {
        if (item is not YamlTreeMapping mapping)
        {
            WrongKind(item, "a step", "a mapping");
            return null;
        }

        // The step's kind is its first key that names one; `expect` alone is an expect step, beside `load` it is a result.
        var kind = mapping.Entries.Select(e => e.Key).OfType<YamlTreeScalar>().Select(k => k.Value)
            .FirstOrDefault(k => k is "load" or "unload" or "jump" or "fault")
            ?? (mapping.Entries.Any(e => e.Key is YamlTreeScalar { Value: "expect" }) ? "expect" : null);
        switch (kind)
        {
            case "load":
                return Load(new YamlMap(mapping, "a load step", LoadKeys, _diagnostics));
            case "unload":
                return Unload(new YamlMap(mapping, "an unload step", UnloadKeys, _diagnostics));
            case "jump":
                var jump = new YamlMap(mapping, "a jump step", JumpKeys, _diagnostics);
                if (jump["jump"] is YamlTreeScalar { IsNull: true } bare)
                {
                    return new JumpStep(item.Span, new Located<string>(Errno.Ok, bare.Span));
                }

                return Text(jump["jump"], "'jump'") is { } outcome
                    ? new JumpStep(item.Span, outcome with { Value = JumpOutcomes.Canonical(outcome.Value) ?? outcome.Value })
                    : null;
            case "fault":
                return Fault(new YamlMap(mapping, "a fault step", null, _diagnostics));
            case "expect":
                var expect = new YamlMap(mapping, "an expect step", ExpectStepKeys, _diagnostics);
                return Expect(item, expect["expect"]);
            default:
                var first = mapping.Entries.Count > 0 ? mapping.Entries[0].Key : item;
                var hint = first is YamlTreeScalar word ? Suggestions.DidYouMean(word.Value, StepKinds) : null;
                _diagnostics.ReportWithHint(DiagnosticCatalogue.MissingOneOf, first.Span, hint, "a step", string.Join(", ", StepKinds));
                return null;
        }
    }

    private LoadStep? Load(YamlMap map)
    {
        var image = Text(map["load"], "'load'");
        var flags = new List<Located<FlagTerm>>();
        foreach (var term in map["flags"] is { } f ? ListOrOne(f) : [])
        {
            if (Scalar(term, "a flag") is not { } scalar)
            {
                continue;
            }

            if (NumberSyntax.LooksNumeric(scalar.Value))
            {
                if (Number64(scalar, "a flag") is { } number)
                {
                    flags.Add(new Located<FlagTerm>(new FlagTerm(null, number.Value), scalar.Span));
                }
            }
            else
            {
                // Unknown names stay as written for the checker to report with a hint.
                flags.Add(new Located<FlagTerm>(new FlagTerm(KexecFlags.Canonical(scalar.Value) ?? scalar.Value, 0), scalar.Span));
            }
        }

        var expect = ResultOf(map);
        return image is { } i ? new LoadStep(map.Node.Span, i, flags, SymbolOrNumberOf(map["entry"], "'entry'"), expect) : null;
    }

    private UnloadStep? Unload(YamlMap map)
    {
        if (map["unload"] is YamlTreeScalar { IsNull: true } bare)
        {
            return new UnloadStep(map.Node.Span, new Located<bool>(false, bare.Span), ResultOf(map));
        }

        return Choice(map["unload"], "'unload'", "unload target", Words.UnloadTargets) is { } crash
            ? new UnloadStep(map.Node.Span, crash, ResultOf(map))
            : null;
    }

    /// <summary>The <c>expect</c> of a load or unload; <c>ok</c> when not written.</summary>
    private Located<string> ResultOf(YamlMap map) =>
        map.Has("expect") && Text(map["expect"], "'expect'") is { } written
            ? written with { Value = Errno.Canonical(written.Value) ?? written.Value }
            : new Located<string>(Errno.Ok, _source.Span(map.Node.Span.Offset, 0));

    private FaultStep? Fault(YamlMap map)
    {
        var kind = Text(map["fault"], "'fault'");
        var parameters = Parameters(map, skip: "fault");
        return kind is { } k ? new FaultStep(map.Node.Span, k, parameters) : null;
    }

    /// <summary>The entries of an open mapping as parameters: scalars and lists of scalars.</summary>
    private List<Parameter> Parameters(YamlMap map, string? skip)
    {
        var list = new List<Parameter>();
        foreach (var (key, value) in map.Entries)
        {
            if (key.Value == skip)
            {
                continue;
            }

            if (ParameterValueOf(value, $"'{key.Value}'") is { } v)
            {
                list.Add(new Parameter(Join(key, value), new Located<string>(key.Value, key.Span), v));
            }
        }

        return list;
    }

    private ParameterValue? ParameterValueOf(YamlTreeNode node, string what)
    {
        switch (node)
        {
            case YamlTreeSequence sequence:
                var items = new List<ParameterValue>();
                foreach (var item in sequence.Items)
                {
                    if (ParameterValueOf(item, "a list item") is { } v)
                    {
                        items.Add(v);
                    }
                }

                return new ListValue(sequence.Span, items);
            case YamlTreeMapping:
                WrongKind(node, what, "a scalar or a list");
                return null;
            default:
                return Scalar(node, what) is { } scalar ? new ScalarValue(scalar.Span, scalar.Value) : null;
        }
    }
}
