using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KjTest.Cli.Tests.Commands;

public sealed partial class SchemaCommandTests
{
    private static JsonSchema Schema()
    {
        var run = CliTester.Run("schema");
        Assert.That(run.ExitCode, Is.EqualTo(0));
        return JsonSchema.FromText(run.Out);
    }

    public static IEnumerable<TestCaseData> ValidYamlFiles() =>
        Directory.EnumerateFiles(CliTester.Scenarios, "*.yaml")
            .Concat(Directory.EnumerateFiles(Path.Combine(CliTester.Root, "tests", "KjTest.Dsl.Tests", "Corpus", "Good")).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName(Path.GetFileName(f)));

    [Test]
    public void Prints_a_draft_2020_12_schema()
    {
        var run = CliTester.Run("schema");
        var json = JsonNode.Parse(run.Out)!;

        Assert.That((string?)json["$schema"], Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(json["$defs"]!["register"]!.ToJsonString(), Does.Contain("\"gdtr.base\""));
        Assert.That(json["$defs"]!["flag"]!.ToJsonString(), Does.Contain("\"PRESERVE_CONTEXT\""));
        Assert.That(json["$defs"]!["step"]!.ToJsonString(), Does.Contain("\"device_pm_failure\""));
    }

    [TestCaseSource(nameof(ValidYamlFiles))]
    public void Every_valid_yaml_scenario_validates_against_the_schema(string path)
    {
        var result = Schema().Evaluate(ToJson(path), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(result.IsValid, Is.True, string.Join("\n", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [TestCase("name: t\nstep: []\nsteps: []\n")]
    [TestCase("name: t\nsteps:\n  - jump: triplefault\n")]
    [TestCase("name: t\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEX]\n")]
    [TestCase("name: t\nsteps:\n  - fault: device_pm_failure\n    device: nic0\n    phase: freze\n")]
    [TestCase("name: t\nstate: { rbxx: 1 }\nsteps: []\n")]
    [TestCase("name: t\nmachine: { devices: [{ name: a, type: uart16450 }] }\nsteps: []\n")]
    public void Misspellings_the_checker_reports_fail_the_schema_too(string yaml)
    {
        using var folder = new TempFolder();
        var result = Schema().Evaluate(ToJson(folder.Write("t.yaml", yaml)));

        Assert.That(result.IsValid, Is.False);
    }

    [TestCase("name: t\noutcome: skip\nsteps:\n  - jump: EINVAL\n")]
    [TestCase("name: t\noutcome: { kind: skip }\nsteps:\n  - jump: EINVAL\n")]
    [TestCase("name: t\noutcome: { kind: skip, reason: \"\" }\nsteps:\n  - jump: EINVAL\n")]
    [TestCase("name: t\noutcome: { kind: pass, reason: why }\nsteps:\n  - jump: EINVAL\n")]
    public void Skip_without_a_reason_and_a_reason_without_skip_fail_the_schema(string yaml)
    {
        using var folder = new TempFolder();
        var result = Schema().Evaluate(ToJson(folder.Write("t.yaml", yaml)));

        Assert.That(result.IsValid, Is.False);
    }

    /// <summary>YAML to JSON as an editor's YAML language server sees it: plain decimals and booleans are typed, the rest are strings.</summary>
    private static JsonNode? ToJson(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when Integer().IsMatch(s.Value ?? "") => JsonValue.Create(long.Parse(s.Value!, CultureInfo.InvariantCulture)),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        _ => null,
    };

    [GeneratedRegex("^-?[0-9]{1,18}$")]
    private static partial Regex Integer();
}
