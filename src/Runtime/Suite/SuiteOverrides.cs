using KjTest.Dsl.Model;

namespace KjTest.Runtime.Suite;

/// <summary>What a run sets for every scenario, over what the scenario states: the seed and the limits.</summary>
/// <param name="Seed">The seed of every random choice (the page allocator's order), or null to keep each scenario's.</param>
/// <param name="MaxInstructions">The instruction budget of a jump, or null.</param>
/// <param name="TimeoutMilliseconds">The time limit of a jump, or null.</param>
/// <param name="Eras">The eras every scenario runs on (<c>--era</c>, <c>--eras</c>), or null for each scenario's own.</param>
public sealed record SuiteOverrides(ulong? Seed, ulong? MaxInstructions, ulong? TimeoutMilliseconds, IReadOnlyList<Era>? Eras = null)
{
    /// <summary>Nothing overridden.</summary>
    public static SuiteOverrides None { get; } = new(null, null, null);

    /// <summary><paramref name="scenario"/> with the overrides applied (the spans stay the scenario's own).</summary>
    public Scenario Apply(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Seed is null && MaxInstructions is null && TimeoutMilliseconds is null)
        {
            return scenario;
        }

        var limits = scenario.Limits;
        return scenario with
        {
            Seed = Seed is { } seed ? new Located<ulong>(seed, scenario.Seed?.Span ?? scenario.Span) : scenario.Seed,
            Limits = limits with
            {
                MaxInstructions = MaxInstructions is { } max ? new Located<ulong>(max, limits.MaxInstructions?.Span ?? limits.Span) : limits.MaxInstructions,
                TimeoutMilliseconds = TimeoutMilliseconds is { } ms ? new Located<ulong>(ms, limits.TimeoutMilliseconds?.Span ?? limits.Span) : limits.TimeoutMilliseconds,
            },
        };
    }
}
