using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

internal sealed partial class YamlScenarioMapper
{
    private static readonly string[] ExpectKeys = ["preserved", "registers", "memory", "console", "image_start", "kimage"];
    private static readonly string[] PreservedKeys = ["classes", "except", "except_memory", "masks"];
    private static readonly string[] RegisterValueKeys = ["value", "mask"];
    private static readonly string[] ConsoleKeys = ["text", "hex", "device", "match"];

    private ExpectStep? Expect(YamlTreeNode item, YamlTreeNode? node)
    {
        if (Map(node, "'expect'", "an expectation", ExpectKeys) is not { } map)
        {
            return null;
        }

        var expectations = new List<Expectation>();
        foreach (var (key, value) in map.Entries)
        {
            var span = Join(key, value);
            switch (key.Value)
            {
                case "preserved":
                    if (Preserved(span, value) is { } preserved)
                    {
                        expectations.Add(preserved);
                    }

                    break;
                case "registers":
                    expectations.AddRange(RegisterExpectations(value));
                    break;
                case "memory":
                    foreach (var m in ListOrOne(value))
                    {
                        if (MemoryExpectation(m) is { } memory)
                        {
                            expectations.Add(memory);
                        }
                    }

                    break;
                case "console":
                    if (Console(span, value) is { } console)
                    {
                        expectations.Add(console);
                    }

                    break;
                case "image_start":
                    if (SymbolOrNumberOf(value, "'image_start'") is { } start)
                    {
                        expectations.Add(new ImageStartExpectation(span, start));
                    }

                    break;
                default:
                    if (Map(value, "'kimage'", "kimage", null) is { } kimage)
                    {
                        expectations.Add(new KimageExpectation(span, Parameters(kimage, skip: null)));
                    }

                    break;
            }
        }

        return new ExpectStep(item.Span, expectations);
    }

    private PreservedExpectation? Preserved(SourceSpan span, YamlTreeNode value)
    {
        if (value is YamlTreeScalar { Value: "all" } all)
        {
            return new PreservedExpectation(span, [.. Words.StateClasses.Values.Select(c => new Located<StateClass>(c, all.Span))], [], [], []);
        }

        if (value is not YamlTreeMapping)
        {
            return value is YamlTreeSequence sequence || value is YamlTreeScalar
                ? new PreservedExpectation(span, Classes(value), [], [], [])
                : null;
        }

        var map = new YamlMap((YamlTreeMapping)value, "preserved", PreservedKeys, _diagnostics);
        var classes = map["classes"] is { } c
            ? (c is YamlTreeScalar { Value: "all" } a ? [.. Words.StateClasses.Values.Select(x => new Located<StateClass>(x, a.Span))] : Classes(c))
            : [.. Words.StateClasses.Values.Select(x => new Located<StateClass>(x, map.Node.Span))];
        var except = map["except"] is { } e ? ListOrOne(e).Select(x => Text(x, "a register")).OfType<Located<string>>().ToList() : [];
        var exceptMemory = new List<MemoryRange>();
        foreach (var r in map["except_memory"] is { } em ? ListOrOne(em) : [])
        {
            if (Range(r, "a memory range") is { } range)
            {
                exceptMemory.Add(range);
            }
        }

        var masks = new List<RegisterMask>();
        if (Map(map["masks"], "'masks'", "masks", null) is { } maskMap)
        {
            foreach (var (key, maskValue) in maskMap.Entries)
            {
                if (Number(maskValue, $"'{key.Value}'", 128) is { } mask)
                {
                    masks.Add(new RegisterMask(Join(key, maskValue), new Located<string>(key.Value, key.Span), mask));
                }
            }
        }

        return new PreservedExpectation(span, classes, except, exceptMemory, masks);
    }

    private List<Located<StateClass>> Classes(YamlTreeNode node) =>
        [.. ListOrOne(node).Select(c => Choice(c, "a state class", "state class", Words.StateClasses)).OfType<Located<StateClass>>()];

    private List<RegisterExpectation> RegisterExpectations(YamlTreeNode value)
    {
        var list = new List<RegisterExpectation>();
        if (Map(value, "'registers'", "registers", null) is not { } map)
        {
            return list;
        }

        foreach (var (key, v) in map.Entries)
        {
            var name = new Located<string>(key.Value, key.Span);
            if (v is YamlTreeMapping)
            {
                var vm = new YamlMap((YamlTreeMapping)v, "a register expectation", RegisterValueKeys, _diagnostics);
                var number = Number(vm["value"], "'value'", 128);
                var mask = Number(vm["mask"], "'mask'", 128);
                if (Require(vm, "a register expectation", "value") && number is { } n)
                {
                    list.Add(new RegisterExpectation(Join(key, v), name, n, mask));
                }
            }
            else if (Number(v, $"'{key.Value}'", 128) is { } number)
            {
                list.Add(new RegisterExpectation(Join(key, v), name, number, null));
            }
        }

        return list;
    }

    private MemoryExpectation? MemoryExpectation(YamlTreeNode item)
    {
        if (Map(item, "a memory expectation", "a memory expectation", MemoryExpectKeys) is not { } map)
        {
            return null;
        }

        var at = Number64(map["at"], "'at'");
        var size = Size(map["size"], "'size'");
        Located<string>? hash = null;
        if (Scalar(map["sha256"], "'sha256'") is { } h)
        {
            if (Sha256Syntax.Canonical(h.Value) is { } canonical)
            {
                hash = new Located<string>(canonical, h.Span);
            }
            else
            {
                _diagnostics.Report(DiagnosticCatalogue.InvalidSha256, h.Span, h.Value);
            }
        }

        var content = ContentOf(map, "a memory expectation", required: false);
        if (map.KeyOf("sha256") is { } hashKey)
        {
            if (content is not null)
            {
                _diagnostics.Report(DiagnosticCatalogue.ExclusiveKeys, hashKey.Span, "sha256", ContentKeys.First(map.Has));
            }
            else if (!map.Has("size"))
            {
                _diagnostics.Report(DiagnosticCatalogue.MissingKey, StartOf(item), "a memory expectation with sha256", "size");
            }
        }
        else if (content is null && !ContentKeys.Any(map.Has))
        {
            _diagnostics.Report(DiagnosticCatalogue.MissingOneOf, StartOf(item), "a memory expectation", "sha256, " + string.Join(", ", ContentKeys));
        }

        return Require(map, "a memory expectation", "at") && at is { } a ? new MemoryExpectation(item.Span, a, content, size, hash) : null;
    }

    private ConsoleExpectation? Console(SourceSpan span, YamlTreeNode value)
    {
        if (value is YamlTreeScalar scalar)
        {
            return new ConsoleExpectation(span, new Located<string>(scalar.Value, scalar.Span), null, new Located<ConsoleMatch>(ConsoleMatch.Exact, scalar.Span));
        }

        if (Map(value, "'console'", "console", ConsoleKeys) is not { } map)
        {
            return null;
        }

        var match = map.Has("match") ? Choice(map["match"], "'match'", "console match", Words.ConsoleMatches) : new Located<ConsoleMatch>(ConsoleMatch.Exact, map.Node.Span);
        if (map.Has("text") && map.Has("hex"))
        {
            _diagnostics.Report(DiagnosticCatalogue.ExclusiveKeys, map.KeyOf("hex")!.Span, "hex", "text");
            return null;
        }

        if (map.Has("hex"))
        {
            return Scalar(map["hex"], "'hex'") is { } hex && match is { } hm
                ? new ConsoleExpectation(span, new Located<string>(hex.Value, hex.Span), Text(map["device"], "'device'"), hm, Embedded(hex))
                : null;
        }

        if (!map.Has("text"))
        {
            _diagnostics.Report(DiagnosticCatalogue.MissingOneOf, StartOf(map.Node), "console", "text, hex");
            return null;
        }

        var text = map["text"] is YamlTreeScalar t ? new Located<string>(t.Value, t.Span) : Text(map["text"], "'text'");
        return text is { } x && match is { } m ? new ConsoleExpectation(span, x, Text(map["device"], "'device'"), m) : null;
    }
}
