using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Suite;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace KjTest.NUnit;

/// <summary>
/// The base of a class whose tests are KjTest scenarios: derive from it and name the files with
/// <see cref="KjTestScenariosAttribute"/>, for example
/// <code>[KjTestScenarios("scenarios/**/*.yaml", Jobs = 2)] public sealed class KexecScenarios : ScenarioFixture { }</code>
/// </summary>
public abstract class ScenarioFixture
{
    /// <summary>Runs one scenario: the guests' console goes to the test's output, a non-pass attaches the scenario's HTML report.</summary>
    /// <param name="scenario">The scenario, as discovery gave it.</param>
    [ScenarioCases]
    public void Scenario(ScenarioCase scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.File is not { } file)
        {
            // Discovery marks such a case not runnable; reaching here means a runner ignored that.
            Assert.Fail(scenario.NotRunnable ?? $"{scenario.Id} has no scenario to run");
            return;
        }

        var slots = scenario.Slots;
        slots?.Wait();
        SuiteResult run;
        try
        {
            var clock = Stopwatch.StartNew();
            run = new SuiteResult(0, file, SuiteRunner.RunOne(file), clock.Elapsed);
        }
        finally
        {
            slots?.Release();
        }

        if (run.Result.Console.Length > 0)
        {
            TestContext.Out.Write(run.Result.Console);
        }

        var verdict = ScenarioVerdict.Of(scenario, run.Result, GetType().FullName ?? GetType().Name);
        switch (verdict.Kind)
        {
            case ScenarioVerdictKind.Passed:
                return;
            case ScenarioVerdictKind.Ignored:
                Assert.Ignore(verdict.Message);
                return;
            default:
                Attach(run);
                // Recorded, not thrown: the result keeps the frame at the scenario's file and line as its stack trace.
                TestExecutionContext.CurrentContext.CurrentResult.RecordAssertion(AssertionStatus.Failed, verdict.Message, verdict.StackTrace);
                return;
        }
    }

    /// <summary>The scenario's HTML report (gap tables, console, memory map) as the test's attachment.</summary>
    private static void Attach(SuiteResult run)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "kjtest-reports");
        Directory.CreateDirectory(folder);
        var name = new string([.. run.Result.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var unique = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(run.File.Id)))[..8].ToLowerInvariant();
        var path = Path.Combine(folder, $"{name}-{unique}.html");
        using (var stream = File.Create(path))
        {
            HtmlReport.Write(new RunReport([run]), stream);
        }

        TestContext.AddTestAttachment(path, $"KjTest report of {run.File.Id}");
    }
}
