using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;

namespace KjTest.Dsl.Tests.Yaml;

public sealed class YamlFrontEndTests
{
    private static ParseResult Parse(string text) => new YamlFrontEnd().Parse(new SourceText("t.yaml", text));

    [Test]
    public void Smallest_scenario_dump()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/smallest-kexec-jump.yaml"));
        var result = Parse(text);
        foreach (var d in result.Diagnostics)
        {
            TestContext.Out.WriteLine(DiagnosticRenderer.Render(d, result.Source));
        }

        TestContext.Out.WriteLine(ModelDump.Write(result.Scenario));
        Assert.That(result.Succeeded, Is.True);
    }
}
