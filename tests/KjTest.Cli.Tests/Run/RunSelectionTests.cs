using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Run;

/// <summary>Selection, sharding, overrides and fail-fast on <c>kjtest run</c>, over the bundled catalogue.</summary>
public class RunSelectionTests
{
    private static string Catalogue => CliTester.Scenarios;

    private static string[] Names(CliRun run) =>
        [.. run.Out.Split('\n').Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    [Test]
    public void A_filter_expression_selects_by_tag_and_era()
    {
        var run = CliTester.Run("run", Catalogue, "--filter", "tag=k27 & era!=k30");

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        Assert.That(Names(run), Is.Not.Empty.And.All.Contain("k27"));
    }

    [Test]
    public void A_plain_filter_is_a_substring_of_the_name()
    {
        var run = CliTester.Run("run", Catalogue, "--filter", "ping-pong");

        Assert.That(Names(run).Distinct(), Is.EquivalentTo(new[] { "ping-pong-k27", "ping-pong-syscalls" }));
    }

    [Test]
    public void Tags_include_and_exclude()
    {
        var run = CliTester.Run("run", Catalogue, "--tag", "nmi", "--exclude-tag", "k30");

        Assert.That(Names(run), Is.Not.Empty.And.All.StartWith("nmi-").And.None.Contains("k30"));
    }

    [Test]
    public void The_shards_together_run_every_scenario_exactly_once()
    {
        var all = Names(CliTester.Run("run", Catalogue));
        var shards = Enumerable.Range(1, 3).Select(i => Names(CliTester.Run("run", Catalogue, "--shard", $"{i}/3"))).ToList();

        Assert.That(shards.SelectMany(s => s), Is.EquivalentTo(all));
        Assert.That(shards.Max(s => s.Length) - shards.Min(s => s.Length), Is.LessThanOrEqualTo(1));
    }

    [TestCase("--shard", "0/3")]
    [TestCase("--shard", "2")]
    [TestCase("--filter", "tag=smoke &")]
    [TestCase("--filter", "colour=red")]
    public void A_selection_that_does_not_parse_is_a_usage_error(string option, string value)
    {
        var run = CliTester.Run("run", Catalogue, option, value);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(option));
    }

    [Test]
    public void The_seed_option_replaces_the_scenarios_seed()
    {
        using var folder = new TempFolder();
        var file = folder.Write("layout.yaml", "name: layout\nimages:\n  - name: b\n    entry: 0x400000\n    segments:\n      - mem: 0x400000\n        memsz: 0x1000\n        hex: \"c3\"\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - expect:\n      kimage: { control_page: 0x3fff000 }\n");

        Assert.That(CliTester.Run("run", file).ExitCode, Is.Zero);
        var seeded = CliTester.Run("run", file, "--seed", "1");
        Assert.That(seeded.ExitCode, Is.EqualTo(1));
        Assert.That(seeded.Out, Does.Contain("KJ1613: kimage control_page is"));
    }

    [Test]
    public void The_instruction_budget_option_replaces_the_scenarios_limit()
    {
        var run = CliTester.Run("run", Path.Combine(Catalogue, "smallest-kexec-jump.yaml"), "--max-instructions", "10");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("(timeout, stated pass)").And.Contain("instruction budget of 10 exhausted"));
    }

    [Test]
    public void Fail_fast_stops_after_the_first_scenario_that_does_not_pass()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", File.ReadAllText(Path.Combine(Catalogue, "smallest-kexec-jump.yaml")).Replace("name: smallest-kexec-jump", "name: a", StringComparison.Ordinal));
        folder.Write("b.yaml", File.ReadAllText(Path.Combine(Catalogue, "smallest-kexec-jump.yaml")).Replace("name: smallest-kexec-jump", "name: b", StringComparison.Ordinal));

        var run = CliTester.Run("run", folder.Path, "--max-instructions", "10", "--fail-fast");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(Names(run), Is.EqualTo(new[] { "a" }));
    }
}
