using System.Reflection;
using System.Text.Json.Nodes;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Yaml;

public sealed class YamlSchemaTests
{
    [Test]
    public void Every_key_the_yaml_front_end_accepts_is_a_schema_property()
    {
        var mapper = typeof(YamlFrontEnd).Assembly.GetType("KjTest.Dsl.Yaml.YamlScenarioMapper", throwOnError: true)!;
        var accepted = mapper.GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.Name.EndsWith("Keys", StringComparison.Ordinal) && f.FieldType == typeof(string[]))
            .SelectMany(f => (string[])f.GetValue(null)!)
            .ToHashSet(StringComparer.Ordinal);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        Collect(YamlSchema.Build(), properties);

        Assert.That(accepted, Has.Count.GreaterThan(40), "the mapper's key lists were not found");
        Assert.That(accepted.Except(properties).Order(StringComparer.Ordinal), Is.Empty);
    }

    [Test]
    public void Bare_jump_and_unload_are_allowed_by_the_schema()
    {
        var steps = YamlSchema.Build()["$defs"]!["step"]!.ToJsonString();

        Assert.That(steps, Does.Contain("{\"jump\":{\"anyOf\":[{\"type\":\"null\"}"));
        Assert.That(steps, Does.Contain("{\"unload\":{\"anyOf\":[{\"type\":\"null\"}"));
    }

    private static void Collect(JsonNode? node, HashSet<string> properties)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "properties" && value is JsonObject props)
                    {
                        properties.UnionWith(props.Select(p => p.Key));
                    }

                    Collect(value, properties);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, properties);
                }

                break;
        }
    }
}
