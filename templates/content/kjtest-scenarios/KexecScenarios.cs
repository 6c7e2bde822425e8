using KjTest.NUnit;

namespace KjTestConsumer;

/// <summary>Every scenario under scenarios/ (.yaml and .kjt) is a test, one per era for a per-era scenario.</summary>
[KjTestScenarios("scenarios", Jobs = 2)]
public sealed class KexecScenarios : ScenarioFixture { }
