using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Yaml;

internal sealed partial class YamlScenarioMapper
{
    /// <summary>The keys that give content (segments, memory inits, memory expectations); the schema lists the same.</summary>
    internal static readonly string[] ContentKeys = ["asm", "hex", "file", "fill", "elf"];

    /// <summary>The keys that give bytes, exactly one of which a memory init or segment carries.</summary>

    private static readonly string[] MemoryInitKeys = ["at", .. ContentKeys];
    private static readonly string[] ImageKeys = ["name", "entry", "segments", "elf"];
    private static readonly string[] SegmentKeys = ["mem", "memsz", .. ContentKeys];
    private static readonly string[] FillKeys = ["value", "size"];
    private static readonly string[] ElfSegmentKeys = ["file", "index"];
    private static readonly string[] MemoryExpectKeys = ["at", "size", "sha256", .. ContentKeys];

    private List<MemoryInit> MemoryInits(YamlTreeNode? node)
    {
        var list = new List<MemoryInit>();
        foreach (var item in Sequence(node, "'memory'")?.Items ?? [])
        {
            if (Map(item, "a memory init", "a memory init", MemoryInitKeys) is not { } map)
            {
                continue;
            }

            var at = Number64(map["at"], "'at'");
            var content = ContentOf(map, "a memory init", required: true);
            if (Require(map, "a memory init", "at") && at is { } a && content is not null)
            {
                list.Add(new MemoryInit(item.Span, a, content));
            }
        }

        return list;
    }

    private List<ImageSpec> Images(YamlTreeNode? node)
    {
        var list = new List<ImageSpec>();
        foreach (var item in Sequence(node, "'images'")?.Items ?? [])
        {
            if (Map(item, "an image", "an image", ImageKeys) is not { } map)
            {
                continue;
            }

            var name = Text(map["name"], "'name'");
            var segments = new List<SegmentSpec>();
            foreach (var s in Sequence(map["segments"], "'segments'")?.Items ?? [])
            {
                if (Segment(s) is { } segment)
                {
                    segments.Add(segment);
                }
            }

            if (map.KeyOf("elf") is { } elfKey && map.Has("segments"))
            {
                _diagnostics.Report(DiagnosticCatalogue.ExclusiveKeys, elfKey.Span, "elf", "segments");
            }
            else if (!map.Has("elf") && !map.Has("segments"))
            {
                _diagnostics.Report(DiagnosticCatalogue.MissingOneOf, StartOf(item), "an image", "segments, elf");
            }

            if (Require(map, "an image", "name") && name is { } n)
            {
                list.Add(new ImageSpec(item.Span, n, SymbolOrNumberOf(map["entry"], "'entry'"), segments, Text(map["elf"], "'elf'")));
            }
        }

        return list;
    }

    private SegmentSpec? Segment(YamlTreeNode item)
    {
        if (Map(item, "a segment", "a segment", SegmentKeys) is not { } map)
        {
            return null;
        }

        var mem = Number64(map["mem"], "'mem'");
        var memsz = Size(map["memsz"], "'memsz'");
        var content = ContentOf(map, "a segment", required: false);
        return Require(map, "a segment", "mem") && mem is { } m ? new SegmentSpec(item.Span, m, memsz, content) : null;
    }

    /// <summary>The bytes of a memory init, segment or memory expectation: exactly one content key.</summary>
    private Content? ContentOf(YamlMap map, string place, bool required)
    {
        YamlTreeScalar? chosen = null;
        foreach (var key in ContentKeys)
        {
            if (map.KeyOf(key) is not { } keyNode)
            {
                continue;
            }

            if (chosen is not null)
            {
                _diagnostics.Report(DiagnosticCatalogue.ExclusiveKeys, keyNode.Span, key, chosen.Value);
                return null;
            }

            chosen = keyNode;
        }

        if (chosen is null)
        {
            if (required)
            {
                _diagnostics.Report(DiagnosticCatalogue.MissingOneOf, StartOf(map.Node), place, string.Join(", ", ContentKeys));
            }

            return null;
        }

        var value = map[chosen.Value]!;
        var span = Join(chosen, value);
        switch (chosen.Value)
        {
            case "asm":
                return Scalar(value, "'asm'") is { } asm ? new AsmContent(span, Embedded(asm)) : null;
            case "hex":
                return Scalar(value, "'hex'") is { } hex ? new HexContent(span, Embedded(hex)) : null;
            case "file":
                return Text(value, "'file'") is { } file ? new FileContent(span, file) : null;
            case "fill":
                if (Map(value, "'fill'", "fill", FillKeys) is not { } fill)
                {
                    return null;
                }

                var fillValue = Number(fill["value"], "'value'", 8);
                var fillSize = Size(fill["size"], "'size'");
                return Require(fill, "fill", "value", "size") && fillValue is { } v && fillSize is { } z
                    ? new FillContent(span, new Located<ulong>((ulong)v.Value, v.Span), z)
                    : null;
            default:
                if (Map(value, "'elf'", "an ELF segment", ElfSegmentKeys) is not { } elf)
                {
                    return null;
                }

                var path = Text(elf["file"], "'file'");
                var index = Number64(elf["index"], "'index'");
                return Require(elf, "an ELF segment", "file", "index") && path is { } p && index is { } i
                    ? new ElfSegmentContent(span, p, i)
                    : null;
        }
    }
}
