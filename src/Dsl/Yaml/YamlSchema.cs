using KjTest.Abi;
using System.Text.Json;
using System.Text.Json.Nodes;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// The JSON Schema (draft 2020-12) of the YAML scenario form, generated from the vocabulary tables so
/// that flags, errnos, registers, device types and fault kinds stay in step with the checker.
/// </summary>
public static class YamlSchema
{
    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "urn:kjtest:scenario.schema.json";

    /// <summary>The schema as indented JSON text.</summary>
    public static string Generate() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The schema as a JSON tree.</summary>
    public static JsonObject Build()
    {
        var defs = new JsonObject
        {
            ["number"] = Number(),
            ["signed"] = new JsonObject { ["anyOf"] = Arr(new JsonObject { ["type"] = "integer" }, Pattern("^-?" + NumberPattern[1..])) },
            ["size"] = new JsonObject { ["anyOf"] = Arr(new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, Pattern(SizePattern())) },
            ["text"] = new JsonObject { ["type"] = Arr("string", "number", "boolean") },
            ["name"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            ["errno"] = Enum([Errno.Ok, .. Errno.Names.Keys]),
            ["errnoName"] = Enum([.. Errno.Names.Keys]),
            ["flag"] = new JsonObject { ["anyOf"] = Arr(Enum(FlagSpellings()), Ref("number")) },
            ["register"] = new JsonObject { ["anyOf"] = Arr(Enum([.. Registers.Names]), Pattern("^msr\\.0x[0-9a-fA-F]+$"), Pattern("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_.]+$")) },
            ["era"] = Enum([.. Words.Eras.Keys]),
            ["range"] = Object(Props(("start", Ref("number")), ("size", Ref("size"))), "start", "size"),
            ["content"] = Content(),
            ["segment"] = WithContent(Props(("mem", Ref("number")), ("memsz", Ref("size"))), ["mem"], requiredContent: false),
            ["memoryInit"] = WithContent(Props(("at", Ref("number"))), ["at"], requiredContent: true),
            ["device"] = Device(),
            ["image"] = Image(),
            ["step"] = new JsonObject { ["oneOf"] = Arr([Load(), Unload(), Jump(), Fault(), Expect()]) },
            ["expectations"] = Expectations(),
        };

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "KjTest scenario",
            ["description"] = "A kexec jump test scenario in KjTest's YAML form.",
            ["type"] = "object",
            ["properties"] = Props(
                ("name", Ref("name")),
                ("description", new JsonObject { ["type"] = "string" }),
                ("tags", OneOrMany(new JsonObject { ["type"] = Arr("string", "number") })),
                ("era", Ref("era")),
                ("arch", Enum([.. Words.Arches.Keys])),
                ("seed", Ref("number")),
                ("limits", Object(Props(("max_instructions", Ref("number")), ("timeout_ms", Ref("number")), ("console_bytes", Ref("size"))))),
                ("outcome", Outcome()),
                ("machine", Machine()),
                ("kernel", Kernel()),
                ("state", Registers128()),
                ("memory", Array(Ref("memoryInit"))),
                ("images", Array(Ref("image"))),
                ("relocate", Object(Props(("image", Ref("name")), ("convention", Ref("era"))), "image", "convention")),
                ("steps", Array(Ref("step")))),
            ["required"] = Arr("name", "steps"),
            ["additionalProperties"] = false,
            ["$defs"] = defs,
        };
    }


    private const string NumberPattern = "^(0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|0[bB][01](_?[01])*|0[oO][0-7](_?[0-7])*|[0-9](_?[0-9])*)$";

    private static string SizePattern()
    {
        var units = string.Join("|", SizeSyntax.Units.Keys.OrderByDescending(u => u.Length));
        return "^(0[xX][0-9a-fA-F](_?[0-9a-fA-F])*|[0-9](_?[0-9])*) ?(" + units + ")?$";
    }

    /// <summary>Flag names as the reader accepts them: upper or lower case, with or without KEXEC_.</summary>
    private static IEnumerable<string> FlagSpellings()
    {
        foreach (var name in KexecFlags.Names.Keys)
        {
            yield return name;
            yield return "KEXEC_" + name;
            yield return name.ToLowerInvariant();
            yield return "kexec_" + name.ToLowerInvariant();
        }
    }

    private static JsonObject Number() =>
        new() { ["anyOf"] = Arr(new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, Pattern(NumberPattern)) };

    private static JsonObject Machine()
    {
        var region = Object(Props(("start", Ref("number")), ("size", Ref("size")), ("kind", Enum([.. Words.RegionKinds.Keys]))), "start", "size");
        return Object(Props(
            ("ram", Ref("size")),
            ("cpu", new JsonObject { ["type"] = "string" }),
            ("memory_map", Array(region)),
            ("devices", Array(Ref("device")))));
    }

    private static JsonObject Device()
    {
        var types = Enum([.. DeviceTypes.All.Keys]);
        types["description"] = string.Join("; ", DeviceTypes.All.Values.Select(t => $"{t.Name}: {t.Description}"));
        var ports = Object(Props(("first", Ref("number")), ("count", Ref("number"))), "first", "count");
        return Object(
            Props(
                ("name", Ref("name")),
                ("type", types),
                ("ports", OneOrMany(ports)),
                ("mmio", OneOrMany(Ref("range"))),
                ("irq", Ref("number")),
                ("registers", new JsonObject { ["type"] = "object", ["additionalProperties"] = Ref("number") })),
            "name",
            "type");
    }

    private static JsonObject Kernel() => Object(Props(
        ("cap_sys_boot", Bool()),
        ("kexec_load_disabled", Bool()),
        ("load_limit_reboot", Ref("signed")),
        ("load_limit_panic", Ref("signed")),
        ("lockdown", Bool()),
        ("kexec_jump", Bool()),
        ("lsm_error", Ref("errnoName")),
        ("crashkernel", Ref("range"))));

    private static JsonObject Registers128() => new()
    {
        ["type"] = "object",
        ["propertyNames"] = Ref("register"),
        ["additionalProperties"] = Ref("number"),
    };

    /// <summary>The content keys; <see cref="WithContent"/> allows exactly one of them.</summary>
    private static JsonObject Content() => Props(
        ("asm", new JsonObject { ["type"] = "string", ["description"] = "assembly text (Intel syntax), usually a literal block `|`" }),
        ("hex", new JsonObject { ["type"] = Arr("string", "integer"), ["description"] = "bytes as hexadecimal digits" }),
        ("file", new JsonObject { ["type"] = "string", ["description"] = "a raw binary file relative to the scenario" }),
        ("fill", Object(Props(("value", Ref("number")), ("size", Ref("size"))), "value", "size")),
        ("elf", Object(Props(("file", new JsonObject { ["type"] = "string" }), ("index", Ref("number"))), "file", "index")));

    private static JsonObject WithContent(JsonObject properties, string[] required, bool requiredContent)
    {
        var content = Content();
        foreach (var (key, value) in content.ToList())
        {
            content.Remove(key);
            properties[key] = value;
        }

        var one = Arr([.. YamlScenarioMapper.ContentKeys.Select(k => (JsonNode)new JsonObject { ["required"] = Arr(k) })]);
        var schema = Object(properties, required);
        schema[requiredContent ? "oneOf" : "anyOf"] = requiredContent
            ? one
            : Arr(new JsonObject { ["oneOf"] = one }, new JsonObject { ["not"] = new JsonObject { ["anyOf"] = one.DeepClone() } });
        return schema;
    }

    private static JsonObject Image()
    {
        var image = Object(
            Props(
                ("name", Ref("name")),
                ("entry", new JsonObject { ["anyOf"] = Arr(Ref("number"), new JsonObject { ["type"] = "string" }) }),
                ("segments", Array(Ref("segment"))),
                ("elf", new JsonObject { ["type"] = "string" })),
            "name");
        image["oneOf"] = Arr(new JsonObject { ["required"] = Arr("segments") }, new JsonObject { ["required"] = Arr("elf") });
        return image;
    }

    private static JsonObject Load() => Object(
        Props(
            ("load", Ref("name")),
            ("flags", OneOrMany(Ref("flag"))),
            ("entry", new JsonObject { ["anyOf"] = Arr(Ref("number"), new JsonObject { ["type"] = "string" }) }),
            ("expect", Ref("errno"))),
        "load");

    private static JsonObject Unload() => Object(Props(("unload", NullOr(Enum([.. Words.UnloadTargets.Keys]))), ("expect", Ref("errno"))), "unload");

    private static JsonObject Jump() => Object(Props(("jump", NullOr(Enum([Errno.Ok, .. JumpOutcomes.Names, .. Errno.Names.Keys])))), "jump");

    private static JsonObject Fault() =>
        new() { ["oneOf"] = Arr([.. FaultKinds.All.Values.Select(kind => (JsonNode)Kind(kind, "fault"))]) };

    /// <summary>A fault (keyed by <paramref name="key"/>) or kimage expectation kind with its parameters.</summary>
    private static JsonObject Kind(KindSpec kind, string? key)
    {
        var properties = new JsonObject();
        if (key is not null)
        {
            properties[key] = new JsonObject { ["const"] = kind.Name, ["description"] = kind.Description };
        }

        foreach (var parameter in kind.Parameters)
        {
            var schema = Parameter(parameter);
            schema["description"] = parameter.Description;
            properties[parameter.Name] = schema;
        }

        string[] required = [.. (key is null ? [] : new[] { key }), .. kind.Parameters.Where(p => p.Required).Select(p => p.Name)];
        return Object(properties, required);
    }

    private static JsonObject Parameter(ParameterSpec parameter) => parameter.Type switch
    {
        ParameterType.Number => Ref("number"),
        ParameterType.Size => Ref("size"),
        ParameterType.Bool => Bool(),
        ParameterType.Choice => Enum([.. parameter.Choices]),
        ParameterType.Device => Ref("name"),
        ParameterType.Register => Ref("register"),
        ParameterType.Errno => Ref("errnoName"),
        ParameterType.Bytes => Pattern("^([0-9a-fA-F]{2}\\s*)+$"),
        ParameterType.RegisterList => OneOrMany(new JsonObject { ["type"] = "string" }),
        _ => Ref("text"),
    };

    private static JsonObject Expect() => Object(Props(("expect", Ref("expectations"))), "expect");

    private static JsonObject Expectations()
    {
        var classes = Enum([.. Words.StateClasses.Keys]);
        var preserved = new JsonObject
        {
            ["anyOf"] = Arr(
                new JsonObject { ["const"] = "all" },
                OneOrMany(classes),
                Object(Props(
                    ("classes", new JsonObject { ["anyOf"] = Arr(new JsonObject { ["const"] = "all" }, OneOrMany(classes.DeepClone())) }),
                    ("except", OneOrMany(new JsonObject { ["type"] = "string", ["description"] = "a register, device.register or device" })),
                    ("except_memory", OneOrMany(Ref("range"))),
                    ("masks", Registers128())))),
        };
        var registerValue = new JsonObject { ["anyOf"] = Arr(Ref("number"), Object(Props(("value", Ref("number")), ("mask", Ref("number"))), "value")) };
        var memory = WithContent(Props(("at", Ref("number")), ("size", Ref("size")), ("sha256", Pattern("^[0-9a-fA-F]{64}$"))), ["at"], requiredContent: false);
        var console = new JsonObject
        {
            ["anyOf"] = Arr(
                new JsonObject { ["type"] = "string" },
                Object(Props(("text", new JsonObject { ["type"] = "string" }), ("device", Ref("name")), ("match", Enum([.. Words.ConsoleMatches.Keys]))), "text"),
                Object(Props(("hex", new JsonObject { ["type"] = "string" }), ("device", Ref("name")), ("match", Enum([.. Words.ConsoleMatches.Keys]))), "hex")),
        };
        return Object(Props(
            ("preserved", preserved),
            ("registers", new JsonObject { ["type"] = "object", ["propertyNames"] = Ref("register"), ["additionalProperties"] = registerValue }),
            ("memory", OneOrMany(memory)),
            ("console", console),
            ("image_start", new JsonObject { ["anyOf"] = Arr(Ref("number"), new JsonObject { ["type"] = "string" }) }),
            ("kimage", Kind(ExpectationKinds.Kimage, null))));
    }

    private static JsonObject Bool() => new() { ["type"] = "boolean" };

    private static JsonObject Pattern(string pattern) => new() { ["type"] = "string", ["pattern"] = pattern };

    private static JsonObject Enum(IEnumerable<string> values) => new() { ["enum"] = Arr([.. values.Select(v => (JsonNode)v)]) };

    /// <summary>A value or nothing: <c>jump:</c> alone means ok, <c>unload:</c> alone the normal image.</summary>
    private static JsonObject NullOr(JsonObject schema) => new() { ["anyOf"] = Arr(new JsonObject { ["type"] = "null" }, schema) };

    /// <summary>One outcome, or a per-era table of them with an optional default row.</summary>
    private static JsonObject Outcome()
    {
        var rows = new JsonObject();
        foreach (var era in Words.Eras.Keys.Append("default"))
        {
            rows[era] = SingleOutcome();
        }

        var table = new JsonObject { ["type"] = "object", ["properties"] = rows, ["additionalProperties"] = false, ["minProperties"] = 1 };
        return new JsonObject { ["anyOf"] = Arr(SingleOutcome(), table) };
    }

    /// <summary>A word, or a mapping; skip only as a mapping with a reason, which no other kind takes.</summary>
    private static JsonObject SingleOutcome()
    {
        var kinds = Words.Outcomes.Keys.ToList();
        var mapping = Object(
            Props(
                ("kind", Enum([.. kinds])),
                ("fields", OneOrMany(new JsonObject { ["type"] = "string" })),
                ("reason", new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "why the scenario is not run (kind skip only)" })),
            "kind");
        mapping["if"] = new JsonObject { ["properties"] = Props(("kind", new JsonObject { ["const"] = "skip" })) };
        mapping["then"] = new JsonObject { ["required"] = Arr("reason") };
        mapping["else"] = new JsonObject { ["not"] = new JsonObject { ["required"] = Arr("reason") } };
        return new JsonObject { ["anyOf"] = Arr(Enum([.. kinds.Where(k => k != "skip")]), mapping) };
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/$defs/" + name };

    private static JsonObject Array(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject OneOrMany(JsonNode item) => new() { ["anyOf"] = Arr(item.DeepClone(), Array(item)) };

    private static JsonObject Object(JsonObject properties, params string[] required)
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        if (required.Length > 0)
        {
            schema["required"] = Arr([.. required.Select(r => (JsonNode)r)]);
        }

        return schema;
    }

    private static JsonObject Props(params (string Key, JsonNode Value)[] properties)
    {
        var result = new JsonObject();
        foreach (var (key, value) in properties)
        {
            result[key] = value;
        }

        return result;
    }

    private static JsonArray Arr(params JsonNode?[] items) => new(items);
}
