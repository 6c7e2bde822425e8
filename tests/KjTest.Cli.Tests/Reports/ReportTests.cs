using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using System.Xml.Schema;
using Json.Schema;
using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Reports;

/// <summary>
/// The reports of <c>run --report</c>: JUnit XML valid against the shape CI servers read, JSON valid against its own
/// schema, TAP 14 read by a TAP consumer (the tap-parser package), each written whole.
/// </summary>
public class ReportTests
{
    private static string Here => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Reports");

    private static string Data => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data");

    private static CliRun RunWithReports(TempFolder folder, params string[] extra) =>
        CliTester.Run(["run", Data, Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"), "--report", $"junit={folder.Path}/out/r.xml", "--report", $"json={folder.Path}/out/r.json", "--report", $"tap={folder.Path}/out/r.tap", .. extra]);

    [Test]
    public void The_junit_report_has_the_shape_ci_servers_read_and_carries_each_failure_report()
    {
        using var folder = new TempFolder();
        var run = RunWithReports(folder);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Here, "junit.xsd"));
        var document = XDocument.Load(Path.Combine(folder.Path, "out", "r.xml"));
        var problems = new List<string>();
        document.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.That(problems, Is.Empty);

        var cases = document.Descendants("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(7));
        Assert.That(document.Root!.Attribute("failures")!.Value, Is.EqualTo("6"));
        var differ = cases.Single(c => c.Attribute("name")!.Value == "results-differ");
        Assert.That(differ.Element("failure")!.Value, Does.Contain("KJ1607: rbx is 0x1111, expected 0x2222"));
        Assert.That(differ.Element("system-out")!.Value, Is.EqualTo("B"));
        Assert.That(cases.Single(c => c.Attribute("name")!.Value == "smallest-kexec-jump").Element("failure"), Is.Null);
    }

    [Test]
    public void The_json_report_is_valid_against_the_schema_kjtest_prints()
    {
        using var folder = new TempFolder();
        RunWithReports(folder);
        var schema = JsonSchema.FromText(CliTester.Run("schema", "--report").Out);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Path, "out", "r.json")));

        var evaluation = schema.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.That(evaluation.IsValid, Is.True, JsonSerializer.Serialize(evaluation.Details.Where(d => !d.IsValid).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors?.Values ?? [])}")));

        var results = report!["results"]!.AsArray();
        var differ = results.Single(r => r!["name"]!.GetValue<string>() == "results-differ")!;
        Assert.That(differ["outcome"]!.GetValue<string>(), Is.EqualTo("fail"));
        Assert.That(differ["messages"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()), Does.Contain("KJ1610"));
        Assert.That(results.Select(r => r!["id"]!.GetValue<string>()), Is.Unique);
        Assert.That(report["summary"]!["failed"]!.GetValue<int>(), Is.EqualTo(6));

        // An unexpected crash carries the last instructions before it; the schema above accepted them.
        var crash = results.Single(r => r!["name"]!.GetValue<string>() == "k30-gdt-jump-ok")!["crash"]!;
        var instructions = crash["instructions"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        Assert.That(instructions, Has.Count.EqualTo(32));
        Assert.That(instructions[^1], Does.StartWith("00000000001050b0 ffff8880001050b0").And.EndWith("!! #GP(0x18)"));
    }

    [Test]
    public void The_tap_report_is_read_by_a_tap_consumer()
    {
        var nodeDir = Environment.GetEnvironmentVariable("KJTEST_NODE_DIR") ?? "/var/cache/kjtest/node";
        if (!Directory.Exists(Path.Combine(nodeDir, "node_modules", "tap-parser")))
        {
            Assert.Ignore($"the tap-parser package is not installed under {nodeDir} (bash .ci/run installs it)");
        }

        using var folder = new TempFolder();
        RunWithReports(folder);
        using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(Here, "tap-check.cjs"), Path.Combine(folder.Path, "out", "r.tap")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["KJTEST_NODE_DIR"] = nodeDir },
        })!;
        var output = node.StandardOutput.ReadToEnd();
        var error = node.StandardError.ReadToEnd();
        node.WaitForExit();
        Assert.That(node.ExitCode, Is.Zero, error);

        var parsed = JsonNode.Parse(output)!;
        Assert.That(parsed["count"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(parsed["plan"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(parsed["fail"]!.GetValue<int>(), Is.EqualTo(6));
        Assert.That(parsed["bailout"]!.GetValue<bool>(), Is.False);
        var differ = parsed["tests"]!.AsArray().Single(t => t!["name"]!.GetValue<string>().StartsWith("results-differ ", StringComparison.Ordinal))!;
        Assert.That(differ["diag"]!["outcome"]!.GetValue<string>(), Is.EqualTo("fail"));
        Assert.That(differ["diag"]!["report"]!.GetValue<string>(), Does.Contain("KJ1609: sha256 of 0x1000 bytes"));
    }

    [Test]
    public void Reports_are_written_whole_leaving_no_temporary_file()
    {
        using var folder = new TempFolder();
        RunWithReports(folder);

        Assert.That(Directory.GetFiles(Path.Combine(folder.Path, "out")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "r.xml", "r.json", "r.tap" }));
        Assert.That(() => XDocument.Load(Path.Combine(folder.Path, "out", "r.xml")), Throws.Nothing);
    }

    [TestCase("xml=r.xml")]
    [TestCase("junit")]
    [TestCase("junit=")]
    public void A_report_option_that_does_not_parse_is_a_usage_error(string value)
    {
        var run = CliTester.Run("run", Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"), "--report", value);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--report"));
    }
}
