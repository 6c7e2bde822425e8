using KjTest.Runtime.Suite;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace KjTest.NUnit;

/// <summary>
/// Builds one NUnit test per scenario of the fixture's <see cref="KjTestScenariosAttribute"/>s, as NUnit's own
/// <c>TestCaseSourceAttribute</c> builds one per source item: named after the scenario, its tags as categories, its
/// era, arch and stated outcome as properties, and a full name that holds the stable id.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
internal sealed class ScenarioCasesAttribute : NUnitAttribute, ITestBuilder, IImplyFixture
{
    private readonly NUnitTestCaseBuilder _builder = new();

    /// <inheritdoc />
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        ArgumentNullException.ThrowIfNull(method);
        var fixture = method.TypeInfo.Type;
        var prefix = suite?.FullName ?? fixture.FullName ?? fixture.Name;
        return FixtureScenarios.Discover(fixture, ProjectDirectory.Of(fixture.Assembly)).Select(c => Build(method, suite, prefix, c)).ToList();
    }

    private TestMethod Build(IMethodInfo method, Test? suite, string prefix, ScenarioCase scenario)
    {
        var parameters = new TestCaseParameters([scenario]) { TestName = scenario.Name };
        var facts = scenario.File is { Valid: true } file ? SuiteFacts.Of(file) : null;
        if (scenario.NotRunnable is { } reason)
        {
            parameters.RunState = RunState.NotRunnable;
            parameters.Properties.Set(PropertyNames.SkipReason, reason);
        }

        foreach (var tag in facts?.Tags ?? [])
        {
            parameters.Properties.Add(PropertyNames.Category, tag);
        }

        if (facts is not null)
        {
            parameters.Properties.Set(ScenarioProperties.Era, facts.Era);
            parameters.Properties.Set(ScenarioProperties.Arch, facts.Arch);
            parameters.Properties.Set(ScenarioProperties.Outcome, scenario.File!.Parsed.Scenario!.Outcome.Kind.Value.ToString().ToLowerInvariant());
            parameters.Properties.Set(ScenarioProperties.ContentHash, scenario.File.ContentHash);
            if (scenario.File.Parsed.Scenario.Description?.Value is { Length: > 0 } description)
            {
                parameters.Properties.Set(PropertyNames.Description, description);
            }
        }

        parameters.Properties.Set(ScenarioProperties.File, scenario.RelativePath);
        parameters.Properties.Set(ScenarioProperties.Id, scenario.Id);
        if (scenario.Slots is not null)
        {
            parameters.Properties.Set(PropertyNames.ParallelScope, ParallelScope.Self);
        }

        var test = _builder.BuildTestMethod(method, suite, parameters);
        // The stable id in the full name: two files' scenarios never share one, and a test keeps it across runs.
        test.FullName = $"{prefix}.{method.Name}(\"{scenario.Id}\")";
        return test;
    }
}
