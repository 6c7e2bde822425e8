namespace KjTest.NUnit;

/// <summary>How a scenario's result reaches NUnit.</summary>
internal enum ScenarioVerdictKind
{
    /// <summary>The stated outcome happened.</summary>
    Passed,

    /// <summary>The scenario was skipped (<c>outcome: skip</c>, or an era that cannot run it): NUnit's Ignored.</summary>
    Ignored,

    /// <summary>Any other outcome, KjTest's own error included.</summary>
    Failed,
}
