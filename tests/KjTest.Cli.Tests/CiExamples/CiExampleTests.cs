using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Xml.Schema;
using KjTest.Cli.Tests.Commands;
using YamlDotNet.RepresentationModel;

namespace KjTest.Cli.Tests.CiExamples;

/// <summary>
/// The CI jobs of <c>ci-examples/</c> that the README shows: the README holds each file verbatim, the YAML ones read,
/// all three run the same <c>kjtest run</c>, that command really runs the catalogue and writes a valid JUnit file,
/// and each job publishes the very file the command writes. <c>.ci/run</c> runs the same command with the installed tool.
/// </summary>
public partial class CiExampleTests
{
    private static readonly string Folder = Path.Combine(CliTester.Root, "ci-examples");

    private static readonly string[] Examples = ["gitlab-ci.yml", "github-actions.yml", "Jenkinsfile"];

    [TestCaseSource(nameof(Examples))]
    public void The_readme_shows_the_example_file_verbatim(string file)
    {
        var readme = File.ReadAllText(Path.Combine(CliTester.Root, "README.md"));
        var text = File.ReadAllText(Path.Combine(Folder, file));

        Assert.That(readme, Does.Contain("```" + (file == "Jenkinsfile" ? "groovy" : "yaml") + "\n" + text + "```\n"), $"README.md must hold ci-examples/{file} as it is");
    }

    [TestCase("gitlab-ci.yml")]
    [TestCase("github-actions.yml")]
    public void The_yaml_examples_read(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Folder, file)));

        Assert.DoesNotThrow(() => stream.Load(reader));
        Assert.That(stream.Documents, Has.Count.EqualTo(1));
    }

    [Test]
    public void Every_example_runs_the_same_kjtest_command()
    {
        Assert.That(Examples.Select(Command).Distinct().Count(), Is.EqualTo(1), string.Join("\n", Examples.Select(Command)));
    }

    [Test]
    public void Each_job_publishes_the_junit_file_its_command_writes()
    {
        var written = JunitPath(Command("gitlab-ci.yml"));
        var gitlab = (YamlMappingNode)Load("gitlab-ci.yml").Children[new YamlScalarNode("kjtest")];
        var gitlabJunit = ((YamlMappingNode)((YamlMappingNode)gitlab.Children[new YamlScalarNode("artifacts")]).Children[new YamlScalarNode("reports")]).Children[new YamlScalarNode("junit")].ToString();
        var github = File.ReadAllText(Path.Combine(Folder, "github-actions.yml"));
        var jenkins = File.ReadAllText(Path.Combine(Folder, "Jenkinsfile"));

        Assert.That(gitlabJunit, Is.EqualTo(written));
        Assert.That(github, Does.Contain($"report_paths: {written}\n"));
        Assert.That(jenkins, Does.Contain($"junit '{written}'"));
    }

    [Test]
    public void The_examples_command_runs_the_catalogue_and_writes_a_valid_junit_report()
    {
        using var folder = new TempFolder();
        var args = Command("gitlab-ci.yml").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a == "scenarios/" ? CliTester.Scenarios : a.Replace("=reports/", $"={folder.Path}/reports/", StringComparison.Ordinal))
            .ToArray();

        var run = CliTester.Run(args);

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Reports", "junit.xsd"));
        var junit = XDocument.Load(Path.Combine(folder.Path, JunitPath(Command("gitlab-ci.yml"))));
        var problems = new List<string>();
        junit.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.That(problems, Is.Empty);
        Assert.That(junit.Descendants("testcase").Count(), Is.GreaterThan(100));
        Assert.That(File.Exists(Path.Combine(folder.Path, "reports", "kjtest.json")), Is.True);
    }

    /// <summary>The example's <c>kjtest run ...</c> command, from <c>run</c> on.</summary>
    private static string Command(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file)).Where(l => l.Contains("kjtest run ", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1), $"{file} runs kjtest once");
        var command = lines[0][(lines[0].IndexOf("kjtest run ", StringComparison.Ordinal) + "kjtest ".Length)..];
        return command.TrimEnd().TrimEnd('\'');
    }

    private static string JunitPath(string command) => JunitOption().Match(command).Groups[1].Value;

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Folder, file)));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"--report junit=(\S+)")]
    private static partial Regex JunitOption();
}
