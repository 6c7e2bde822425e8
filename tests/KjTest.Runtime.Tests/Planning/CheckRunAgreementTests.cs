using System.Globalization;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Images;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Planning;

/// <summary>
/// The property that makes <c>check</c> worth running: for every bundled scenario, every file of the test corpora and
/// generated mutants of them, the check (checker, then planner) accepts the scenario exactly when running it ends in
/// anything but an <c>error</c> outcome. CI runs a fixed sample (KJTEST_MUTANTS mutants per file, default 6);
/// KJTEST_MUTANTS=100 is the long campaign.
/// </summary>
public class CheckRunAgreementTests
{
    private static readonly ScenarioReader Reader = new([new YamlFrontEnd(), new KjtFrontEnd()]);
    private static readonly ScenarioChecker Checker = new(new ResolvingImageChecker(new ImageResolver()));

    private static int MutantsPerFile => int.TryParse(Environment.GetEnvironmentVariable("KJTEST_MUTANTS"), CultureInfo.InvariantCulture, out var n) ? n : 6;

    public static IEnumerable<TestCaseData> Sources()
    {
        var root = ScenarioCatalogueTests.FindRoot();
        var folders = new[]
        {
            Path.Combine(root, "scenarios"),
            Path.Combine(root, "tests", "KjTest.Dsl.Tests", "Corpus"),
            Path.Combine(root, "tests", "KjTest.Runtime.Tests", "Planning", "Corpus"),
        };
        return folders.Select(f => new TestCaseData(f).SetName($"Agreement/{Path.GetRelativePath(root, f).Replace('\\', '/')}"));
    }

    [TestCaseSource(nameof(Sources))]
    public void Check_accepts_a_scenario_exactly_when_its_run_ends_without_error(string folder)
    {
        var disagreements = new List<string>();
        int files = 0, accepted = 0, refused = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(IsScenario).Order(StringComparer.Ordinal))
        {
            var parsed = Reader.ReadFile(path);
            if (parsed.Scenario is null || parsed.Diagnostics.Any(d => d.IsError))
            {
                continue;
            }

            files++;
            var baseDirectory = Path.GetDirectoryName(path)!;
            var mutator = new ScenarioMutator(StableSeed(path));
            var candidates = new[] { parsed.Scenario }.Concat(Enumerable.Range(0, MutantsPerFile).Select(_ => mutator.Mutate(parsed.Scenario)));
            var index = 0;
            foreach (var scenario in candidates)
            {
                var (ok, why) = Verdict(scenario, baseDirectory, out var result);
                var ran = result is null ? "not run" : result.Actual.ToString();
                if (ok)
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }

                if (ok == (result?.Actual == OutcomeKind.Error))
                {
                    disagreements.Add($"{Path.GetFileName(path)} mutant {index}: check {(ok ? "accepted" : "refused: " + why)}, run {ran}: {string.Join("; ", result?.Messages.Select(m => m.Text) ?? [])}");
                }

                index++;
            }
        }

        TestContext.Out.WriteLine($"{files} files, {accepted} accepted, {refused} refused, {disagreements.Count} disagreements");
        Assert.That(disagreements, Is.Empty);
    }

    /// <summary>The check's verdict and, for a scenario the checker accepts, what running it gives (a refused plan runs as an error).</summary>
    private static (bool Ok, string Why) Verdict(Scenario scenario, string baseDirectory, out ScenarioResult? result)
    {
        result = null;
        var checkerErrors = Checker.Check(scenario).Where(d => d.IsError).ToList();
        if (checkerErrors.Count > 0)
        {
            // The run refuses a file the checker refuses before planning; nothing runs.
            result = new ScenarioResult(scenario.Name.Value, OutcomeKind.Error, scenario.Outcome, false, [], null, null, new ScenarioStats(0, 0, 0));
            return (false, checkerErrors[0].Id);
        }

        var planned = ScenarioPlanner.Plan(scenario, baseDirectory);
        result = ScenarioRunner.Run(scenario, baseDirectory);
        var errors = planned.Diagnostics.Where(d => d.IsError).ToList();
        return errors.Count == 0 ? (true, "") : (false, errors[0].Id);
    }

    private static bool IsScenario(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".kjt", StringComparison.Ordinal);

    private static int StableSeed(string path) => Path.GetFileName(path).Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
